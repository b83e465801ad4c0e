package perpwatch.functions.guards;

import java.math.BigDecimal;

/** One side of a basis: a last-trade price and the venue time it traded at. */
record PricePoint(String source, BigDecimal price, long ts) {}
