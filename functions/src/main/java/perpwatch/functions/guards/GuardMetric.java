package perpwatch.functions.guards;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Every metric the guards judge, by the name it has in the answer and in configuration. */
public enum GuardMetric {
    PRICE,
    BAR,
    SPREAD_BPS,
    DEPTH_10BPS,
    FUNDING_APR,
    OI_NOTIONAL,
    BASIS_BPS,
    BASIS_OKX_BPS,
    LIQ_EVENTS_5M;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
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
