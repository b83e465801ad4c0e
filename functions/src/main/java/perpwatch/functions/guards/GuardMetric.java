package perpwatch.functions.guards;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.instrument.Venue;

/** Every metric the guards judge, by the name it has in the answer and in configuration, and the venues it reads. */
public enum GuardMetric {
    PRICE(Needs.ALL, Venue.BINANCE),
    BAR(Needs.ALL, Venue.BINANCE),
    SPREAD_BPS(Needs.ALL, Venue.BINANCE),
    DEPTH_10BPS(Needs.ALL, Venue.BINANCE),
    FUNDING_APR(Needs.ALL, Venue.BYBIT),
    OI_NOTIONAL(Needs.ALL, Venue.BYBIT),
    BASIS_BPS(Needs.ALL, Venue.OKX_USDC, Venue.BINANCE),
    BASIS_OKX_BPS(Needs.ALL, Venue.OKX_USDC, Venue.OKX_USDT),
    /** A count over whichever liquidation venues the instrument lists. */
    LIQ_EVENTS_5M(Needs.ANY, Venue.BINANCE, Venue.OKX_USDT, Venue.OKX_USDC, Venue.BYBIT),
    /** Velocity's own book, where the engine trades: spread and depth of the counted liquidity (DLOB). */
    VELOCITY_SPREAD_BPS(Needs.ALL, Venue.VELOCITY),
    VELOCITY_DEPTH_10BPS(Needs.ALL, Venue.VELOCITY),
    /** Slots since Velocity's oracle was posted, against the node's slot: beyond the budget the AMM stops filling. */
    VELOCITY_ORACLE_AGE_SLOTS(Needs.ALL, Venue.VELOCITY),
    /** Velocity's book mid against its oracle: beyond the budget the protocol treats the oracle as divergent. */
    VELOCITY_MARK_ORACLE_BPS(Needs.ALL, Venue.VELOCITY),
    VELOCITY_FUNDING_APR(Needs.ALL, Venue.VELOCITY),
    /** Velocity SOL-PERP (USDT) mid against Binance SOLUSDT. */
    BASIS_VELOCITY_BPS(Needs.ALL, Venue.VELOCITY, Venue.BINANCE);

    /** Whether a metric needs every one of its venues (a basis is two prices) or any one (a count over venues). */
    private enum Needs {
        ALL,
        ANY
    }

    private final Needs needs;
    private final Set<Venue> venues;

    GuardMetric(Needs needs, Venue first, Venue... rest) {
        this.needs = needs;
        this.venues = EnumSet.of(first, rest);
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Why this metric cannot be read for the instrument (it does not list a venue the metric needs), or null when it
     * can: the metric is then {@code not_configured}, not unknown.
     */
    public String notConfiguredReason(Instrument instrument) {
        List<String> absent =
                venues.stream().filter(v -> !instrument.has(v)).map(Venue::key).toList();
        boolean readable = needs == Needs.ALL ? absent.isEmpty() : absent.size() < venues.size();
        if (readable) {
            return null;
        }
        return needs == Needs.ALL
                ? "not configured: " + instrument.canonical() + " is not listed on " + String.join(", ", absent)
                : "not configured: " + instrument.canonical() + " is listed on none of " + String.join(", ", absent);
    }

    /** The metric a configured name means; a typo is refused with the names that exist, never silently ignored. */
    public static GuardMetric fromWire(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (GuardMetric metric : values()) {
            if (metric.wire().equals(wanted)) {
                return metric;
            }
        }
        throw new IllegalArgumentException("unknown guard metric '" + name.trim() + "'; known: "
                + Arrays.stream(values()).map(GuardMetric::wire).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return wire();
    }
}
