package perpwatch.functions.guards;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/engine/thresholds}: the bounds in force, the required metrics and the version every answer names.
 * The dashboard colours from it and an engine checks that the thresholds it was written against are the ones judging.
 *
 * @param requiredWhereListed required for each instrument listed on the metric's venues (an instrument's answer lists
 *                            what is required for it)
 * @param liqCountedMax {@code liq_events_5m} is counted up to this many (that number means "at least")
 * @param readLagMaxMs an answer reflects everything that reached Redis up to this long before the request
 */
public record ThresholdsView(
        String version,
        List<GuardMetric> required,
        @JsonProperty("required_where_listed") List<GuardMetric> requiredWhereListed,
        Map<String, Threshold> metrics,
        @JsonProperty("basis_max_skew_ms") long basisMaxSkewMs,
        @JsonProperty("clock_skew_max_ms") long clockSkewMaxMs,
        @JsonProperty("liq_counted_max") int liqCountedMax,
        @JsonProperty("read_lag_max_ms") long readLagMaxMs) {

    static ThresholdsView of(GuardPolicy policy) {
        Map<String, Threshold> metrics = new LinkedHashMap<>();
        policy.thresholds().forEach((metric, threshold) -> metrics.put(metric.wire(), threshold));
        return new ThresholdsView(
                policy.version(),
                List.copyOf(policy.required()),
                List.copyOf(policy.requiredWhereListed()),
                metrics,
                policy.basisMaxSkew().toMillis(),
                policy.clockSkewMax().toMillis(),
                GuardPolicy.LIQUIDATIONS_COUNTED_MAX,
                policy.readLagMax().toMillis());
    }
}
