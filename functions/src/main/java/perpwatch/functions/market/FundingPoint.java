package perpwatch.functions.market;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/** One funding sample as the venue reported it ({@code timestamp} is its venue time). */
public record FundingPoint(long timestamp, @JsonProperty("funding_rate_8h") BigDecimal fundingRate8h,
                           @JsonProperty("funding_apr") BigDecimal fundingApr) {
}
