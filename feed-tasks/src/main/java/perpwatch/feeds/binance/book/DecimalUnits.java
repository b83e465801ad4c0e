package perpwatch.feeds.binance.book;

/**
 * Reads a decimal written as plain digits ({@code 7.6110}, {@code 813}, {@code 0.00100000}) straight into a scaled
 * long, without a {@link java.math.BigDecimal} or a {@link String}: the depth stream carries two such numbers per
 * level and the book holds them as units anyway. Only the common, unambiguous form is read here; anything else (a sign,
 * an exponent, a lone dot, a digit beyond the scale, more integer digits than certainly fit, a value above the bound)
 * answers {@link #NOT_PLAIN}, and the caller decides the case with {@code BigDecimal} and {@link FixedPoint}, so every
 * refusal keeps the exact rules and messages of the slow path and this class never has to be right about an edge.
 */
final class DecimalUnits {
    /** The text is not a plain decimal that fits; read it the slow, exact way. */
    static final long NOT_PLAIN = -1;

    private static final long[] POWERS_OF_TEN = {
        1L,
        10L,
        100L,
        1_000L,
        10_000L,
        100_000L,
        1_000_000L,
        10_000_000L,
        100_000_000L,
        1_000_000_000L,
        10_000_000_000L,
        100_000_000_000L,
        1_000_000_000_000L,
        10_000_000_000_000L,
        100_000_000_000_000L,
        1_000_000_000_000_000L,
        10_000_000_000_000_000L,
        100_000_000_000_000_000L,
        1_000_000_000_000_000_000L
    };

    /** Digits kept in total (integer and scale): below 10^18, so the running value never overflows a long. */
    private static final int MAX_DIGITS = 18;

    private DecimalUnits() {}

    /**
     * {@code text[offset, offset + length)} times 10^{@code scale}, when it is {@code digits} or
     * {@code digits.digits}, has no non-zero digit past the scale and is at most {@code max}; otherwise
     * {@link #NOT_PLAIN}. Trailing zeros past the scale are exact and accepted (Binance pads to the symbol's
     * precision).
     */
    static long parse(char[] text, int offset, int length, int scale, long max) {
        if (scale < 0 || scale >= MAX_DIGITS) {
            throw new IllegalArgumentException("scale must be in [0, " + MAX_DIGITS + ")");
        }
        int end = offset + length;
        int i = offset;
        long value = 0;
        int integerDigits = 0;
        int maxIntegerDigits = MAX_DIGITS - scale;
        for (; i < end; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            if (++integerDigits > maxIntegerDigits) {
                return NOT_PLAIN;
            }
            value = value * 10 + digit;
        }
        if (integerDigits == 0) {
            return NOT_PLAIN;
        }
        int fractionDigits = 0;
        if (i < end) {
            if (text[i] != '.' || i + 1 == end) {
                return NOT_PLAIN;
            }
            for (i++; i < end; i++) {
                int digit = text[i] - '0';
                if (digit < 0 || digit > 9) {
                    return NOT_PLAIN;
                }
                if (fractionDigits < scale) {
                    value = value * 10 + digit;
                    fractionDigits++;
                } else if (digit != 0) {
                    return NOT_PLAIN;
                }
            }
        }
        value *= POWERS_OF_TEN[scale - fractionDigits];
        return value <= max ? value : NOT_PLAIN;
    }
}
