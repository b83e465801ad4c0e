package perpwatch.feeds.binance.book;

import java.math.BigDecimal;

/** One {@code [price, qty]} pair of a diff or snapshot. The quantity is absolute; zero removes the level. */
public record PriceLevel(BigDecimal price, BigDecimal qty) {}
