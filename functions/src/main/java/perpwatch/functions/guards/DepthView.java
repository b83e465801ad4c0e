package perpwatch.functions.guards;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/** USD notional resting within 10 bps of mid, per side; both null when the book is unknown or stale. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DepthView(
        @JsonProperty("bid_usd") BigDecimal bidUsd,
        @JsonProperty("ask_usd") BigDecimal askUsd) {
    static final DepthView UNKNOWN = new DepthView(null, null);
}
