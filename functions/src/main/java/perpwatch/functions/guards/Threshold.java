package perpwatch.functions.guards;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * A metric's bounds as configured, in the answer and in {@code GET /api/engine/thresholds}. Only the bounds that
 * apply are written: {@code {"warn_above": 10, "max_age_ms": 5000}} for the spread. {@code max_age_ms} is the
 * staleness budget: older data makes the metric {@code unknown}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Threshold(
        @JsonProperty("warn_above") BigDecimal warnAbove,
        @JsonProperty("warn_below") BigDecimal warnBelow,
        @JsonProperty("warn_abs_above") BigDecimal warnAbsAbove,
        @JsonProperty("breach_above") BigDecimal breachAbove,
        @JsonProperty("breach_abs_above") BigDecimal breachAbsAbove,
        @JsonProperty("max_age_ms") Long maxAgeMs) {

    static Threshold freshness(long maxAgeMs) {
        return new Threshold(null, null, null, null, null, maxAgeMs);
    }

    static Threshold warnAbove(BigDecimal value, long maxAgeMs) {
        return new Threshold(value, null, null, null, null, maxAgeMs);
    }

    static Threshold warnBelow(BigDecimal value, long maxAgeMs) {
        return new Threshold(null, value, null, null, null, maxAgeMs);
    }

    static Threshold warnAbsAbove(BigDecimal value, long maxAgeMs) {
        return new Threshold(null, null, value, null, null, maxAgeMs);
    }

    static Threshold breachAbove(BigDecimal value, Long maxAgeMs) {
        return new Threshold(null, null, null, value, null, maxAgeMs);
    }

    static Threshold breachAbsAbove(BigDecimal value, long maxAgeMs) {
        return new Threshold(null, null, null, null, value, maxAgeMs);
    }
}
