package perpwatch.functions.market;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * One funding sample as the venue reported it. {@code settled}: a print the venue settled, {@code timestamp} its
 * settlement time; {@code predicted}: the ticker's current rate for the coming settlement, {@code timestamp} when it
 * was read.
 */
public record FundingPoint(
        long timestamp,
        @JsonProperty("funding_rate_8h") BigDecimal fundingRate8h,
        @JsonProperty("funding_apr") BigDecimal fundingApr,
        Kind kind) {

    /** Whether the rate was paid or is the venue's forecast. */
    public enum Kind {
        @JsonProperty("settled")
        SETTLED,
        @JsonProperty("predicted")
        PREDICTED
    }
}
