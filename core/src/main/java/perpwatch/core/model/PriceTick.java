package perpwatch.core.model;

import java.math.BigDecimal;

/** The last trade price, published at most once a second. {@code ts} is the venue trade time. */
public record PriceTick(BigDecimal price, long ts, long recvTime) {}
