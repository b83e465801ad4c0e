package perpwatch.functions.guards;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import perpwatch.core.redis.EventCount;

/**
 * The liquidation count of the last five minutes as the guards read it, with what limits it.
 *
 * @param total       liquidations by venue event time across the connected venues; null when no venue is connected
 * @param atLeast     the count stopped early: there are at least {@code total}
 * @param unprovable  why a count under the bar proves nothing (the scan ran out before the window's edge), or null
 * @param unreadable  entries whose event time could not be read, in no count
 * @param newestAgeMs age of the newest liquidation kept (null for an empty stream)
 * @param silentCaveat null when every venue is connected; otherwise why the count is partial or absent
 * @param byVenue     each listed venue's count, whether it is connected and whether its count is a sample
 */
record LiquidationWindow(
        Integer total,
        boolean atLeast,
        String unprovable,
        int unreadable,
        Long newestAgeMs,
        String silentCaveat,
        Map<String, VenueLiquidations> byVenue) {
    /**
     * Binance's {@code !forceOrder@arr} pushes at most the latest liquidation of a symbol per second (its docs say so):
     * under a cascade its count is a floor. OKX and Bybit ({@code allLiquidation}) push every one.
     */
    static final Set<String> SAMPLED_VENUES = Set.of("binance");

    /** @param configured the liquidation venues the instrument lists; the others are neither counted nor awaited */
    static LiquidationWindow of(GuardInputs in, long now, List<String> configured) {
        Long newestAge =
                in.newestLiquidation().map(e -> Math.max(0, now - e.idTimeMs())).orElse(null);
        EventCount count = in.liquidations().orElse(null);
        List<String> silent = in.liquidationSilent();
        Map<String, VenueLiquidations> byVenue = new LinkedHashMap<>();
        // Only the venues the instrument lists: a venue left out is not watched, so it is neither 0 nor "not
        // connected".
        for (String venue : configured) {
            boolean connected = !silent.contains(venue);
            Integer n = connected ? (count == null ? 0 : count.venue(venue)) : null;
            byVenue.put(venue, new VenueLiquidations(n, connected, SAMPLED_VENUES.contains(venue)));
        }
        Map<String, VenueLiquidations> venues = Collections.unmodifiableMap(byVenue);
        if (silent.size() >= configured.size()) {
            return new LiquidationWindow(
                    null,
                    false,
                    null,
                    0,
                    newestAge,
                    "no liquidation feed connected (" + String.join(", ", silent) + " silent)",
                    venues);
        }
        String caveat = silent.isEmpty()
                ? null
                : "liq_events_5m: " + String.join(", ", silent)
                        + " not connected; the count covers the other venues only";
        if (count == null) {
            return new LiquidationWindow(0, false, null, 0, newestAge, caveat, venues);
        }
        String unprovable = count.stop() == EventCount.Stop.SCAN_LIMIT_REACHED
                ? "the count stopped after " + count.scanned()
                        + " entries, most outside the window (a backlog written late?): at least " + count.total()
                        + ", maybe more"
                : null;
        return new LiquidationWindow(
                count.total(), count.capped(), unprovable, count.unreadable(), newestAge, caveat, venues);
    }

    /** Redis unreachable: nothing is known of any venue, except which ones the instrument lists. */
    static Map<String, VenueLiquidations> unknownByVenue(List<String> configured) {
        Map<String, VenueLiquidations> byVenue = new LinkedHashMap<>();
        for (String venue : configured) {
            byVenue.put(venue, new VenueLiquidations(null, false, SAMPLED_VENUES.contains(venue)));
        }
        return Collections.unmodifiableMap(byVenue);
    }
}
