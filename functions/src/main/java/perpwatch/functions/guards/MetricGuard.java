package perpwatch.functions.guards;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One metric in {@code guards}: its state, the value it was judged on (null when unknown), how old its data is, the
 * bounds it was judged against, whether the configuration requires it, and why it is not {@code pass}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MetricGuard(
        GuardState state,
        Object value,
        @JsonProperty("age_ms") Long ageMs,
        Threshold threshold,
        boolean required,
        String reason) {}
