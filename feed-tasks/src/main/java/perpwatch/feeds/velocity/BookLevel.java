package perpwatch.feeds.velocity;

import java.math.BigDecimal;

/**
 * One price level of the DLOB L2, in units (USDT per SOL, SOL).
 *
 * @param size    every source's size at this price, as the venue sums it
 * @param counted the part {@link LiquiditySource} counts; what the published book holds
 */
public record BookLevel(BigDecimal price, BigDecimal size, BigDecimal counted) {}
