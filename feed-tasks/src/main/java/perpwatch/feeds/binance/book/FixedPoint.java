package perpwatch.feeds.binance.book;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Exact decimal ↔ scaled-long conversion for the book. A value that does not fit the scale exactly is refused,
 * never rounded: a rounded price would be a different level.
 */
public final class FixedPoint {
    private FixedPoint() {}

    /** {@code value · 10^scale} as a long, or an exception when it has more decimals than the scale or exceeds max. */
    public static long toUnits(BigDecimal value, int scale, long max) throws UnrepresentableLevelException {
        long units;
        try {
            units = value.setScale(scale).unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new UnrepresentableLevelException(
                    "'" + value.toPlainString() + "' does not fit " + scale + " decimals exactly");
        }
        if (units < 0 || units > max) {
            throw new UnrepresentableLevelException("'" + value.toPlainString() + "' is outside [0, "
                    + BigDecimal.valueOf(max, scale).toPlainString() + "]");
        }
        return units;
    }

    public static BigDecimal toDecimal(long units, int scale) {
        return BigDecimal.valueOf(units, scale);
    }

    /** The unsigned 128-bit value {@code hi·2^64 + lo} scaled down by {@code scale}. */
    public static BigDecimal toDecimal(long hi, long lo, int scale) {
        BigInteger high = BigInteger.valueOf(hi).shiftLeft(64);
        BigInteger low = new BigInteger(Long.toUnsignedString(lo));
        return new BigDecimal(high.add(low), scale);
    }

    /** A price or quantity the book cannot hold exactly. */
    public static final class UnrepresentableLevelException extends Exception {
        public UnrepresentableLevelException(String message) {
            super(message);
        }
    }
}
