package perpwatch.functions.market;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/** Open interest at the end of one hour: the last sample taken in it. {@code timestamp} is the hour's start. */
public record OiPoint(
        long timestamp, @JsonProperty("oi_notional") BigDecimal oiNotional) {}
