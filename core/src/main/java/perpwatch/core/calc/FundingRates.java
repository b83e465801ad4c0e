package perpwatch.core.calc;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Funding-rate arithmetic. Venues quote a rate per funding interval, and intervals differ (8 h for SOLUSDT, 4 h or
 * 1 h for others, changed by the venue at will), so an APR must use the instrument's own interval: the common
 * {@code rate × 3 × 365} holds only for 8 h.
 */
public final class FundingRates {
    /** APR in percent, to 6 decimals (a millionth of a percent is far below any threshold we apply). */
    public static final int APR_SCALE = 6;
    /** An 8 h-equivalent rate keeps 12 decimals: venue rates carry 8, scaling by 8/h may add a few. */
    public static final int RATE_SCALE = 12;

    private static final BigDecimal HOURS_PER_YEAR = BigDecimal.valueOf(24 * 365);

    private FundingRates() {}

    /** rate × (24 / intervalHours) × 365 × 100. */
    public static BigDecimal aprPercent(BigDecimal ratePerInterval, int intervalHours) {
        requirePositive(intervalHours);
        return ratePerInterval
                .multiply(HOURS_PER_YEAR)
                .multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(intervalHours), APR_SCALE, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
    }

    /** The rate scaled to an 8-hour interval: rate × 8 / intervalHours. */
    public static BigDecimal eightHourRate(BigDecimal ratePerInterval, int intervalHours) {
        requirePositive(intervalHours);
        return ratePerInterval
                .multiply(BigDecimal.valueOf(8), MathContext.DECIMAL128)
                .divide(BigDecimal.valueOf(intervalHours), RATE_SCALE, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
    }

    private static void requirePositive(int intervalHours) {
        if (intervalHours <= 0) {
            throw new IllegalArgumentException("funding interval must be positive, not " + intervalHours + " h");
        }
    }
}
