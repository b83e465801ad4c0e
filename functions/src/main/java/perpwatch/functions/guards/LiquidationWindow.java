package perpwatch.functions.guards;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import perpwatch.core.stream.StreamKeys;

/**
 * The liquidation count of the last five minutes as the guards read it, with what limits it.
 *
 * @param total       liquidations by venue event time across the connected venues; null when no venue is connected
 * @param newestAgeMs age of the newest liquidation kept (null for an empty stream)
 * @param caveat      null when every venue is connected; otherwise why the count is partial or absent
 * @param byVenue     each venue's count, whether it is connected and whether its count is a sample
 */
record LiquidationWindow(Integer total, Long newestAgeMs, String caveat, Map<String, VenueLiquidations> byVenue) {
    /**
     * Binance's {@code !forceOrder@arr} pushes at most the latest liquidation of a symbol per second (its docs say so):
     * under a cascade its count is a floor. OKX and Bybit ({@code allLiquidation}) push every one.
     */
    static final Set<String> SAMPLED_VENUES = Set.of("binance");

    static LiquidationWindow of(GuardInputs in, long now) {
        Long newestAge = in.newestLiquidation().map(e -> Math.max(0, now - e.idTimeMs())).orElse(null);
        List<String> silent = in.liquidationSilent();
        Map<String, VenueLiquidations> byVenue = new LinkedHashMap<>();
        for (String venue : StreamKeys.LIQUIDATION_VENUES) {
            boolean connected = !silent.contains(venue);
            Integer count = connected ? in.liquidationsByVenue().getOrDefault(venue, 0) : null;
            byVenue.put(venue, new VenueLiquidations(count, connected, SAMPLED_VENUES.contains(venue)));
        }
        if (silent.size() == StreamKeys.LIQUIDATION_VENUES.size()) {
            return new LiquidationWindow(null, newestAge, "no liquidation feed connected (" + String.join(", ", silent) + " silent)",
                    Collections.unmodifiableMap(byVenue));
        }
        String caveat = silent.isEmpty() ? null
                : "liq_events_5m: " + String.join(", ", silent) + " not connected; the count covers the other venues only";
        return new LiquidationWindow(in.liquidationsRecent(), newestAge, caveat, Collections.unmodifiableMap(byVenue));
    }

    /** Redis unreachable: nothing is known of any venue. */
    static Map<String, VenueLiquidations> unknownByVenue() {
        Map<String, VenueLiquidations> byVenue = new LinkedHashMap<>();
        for (String venue : StreamKeys.LIQUIDATION_VENUES) {
            byVenue.put(venue, new VenueLiquidations(null, false, SAMPLED_VENUES.contains(venue)));
        }
        return Collections.unmodifiableMap(byVenue);
    }
}
