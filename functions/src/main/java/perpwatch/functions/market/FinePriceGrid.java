package perpwatch.functions.market;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The absolute price grid the hourly liquidation aggregates are kept on: geometric steps of 0.01 % (1 bp), bucket
 * {@code k} holding prices in [1.0001^k, 1.0001^(k+1)). Geometric so one grid serves every instrument and price level;
 * absolute (not relative to a reference price) so an aggregate built once re-bins against whatever reference price
 * the heatmap is drawn around later.
 *
 * <p>Re-binning error: an aggregated event is placed at its bucket's midpoint, at most half a step (0.005 % of the
 * price) from its real price. A heatmap price bin is 0.2 % of the reference wide (± 5 % in 50 bins), so an event
 * lands in the neighbouring price bin only when its price is within 0.005 % of a bin edge (about 1 event in 40 on
 * evenly spread prices), and never further. Counts, sizes, notionals, sides and time bins are exact.
 */
final class FinePriceGrid {
    /** Where non-positive prices go (never sent by a venue; the raw path pins them to price bin 0 as well). */
    static final int NON_POSITIVE = Integer.MIN_VALUE;

    private static final double LN_STEP = Math.log(1.0001);
    private static final MathContext DIGITS = new MathContext(12);

    private FinePriceGrid() {}

    static int bucket(BigDecimal price) {
        if (price.signum() <= 0) {
            return NON_POSITIVE;
        }
        return (int) Math.floor(Math.log(price.doubleValue()) / LN_STEP);
    }

    /** The price an aggregated event is re-binned at. */
    static BigDecimal midpoint(int bucket) {
        if (bucket == NON_POSITIVE) {
            return BigDecimal.ZERO;
        }
        return new BigDecimal(Math.exp((bucket + 0.5) * LN_STEP), DIGITS);
    }
}
