package perpwatch.feeds.parse;

import java.math.BigDecimal;

/**
 * Reads the decimals venues send on their hot paths ({@code "7.6120"}, {@code "297"}) straight from the frame's
 * characters into a {@link BigDecimal} built from a long and a scale, without the text copy and general parser of
 * {@code new BigDecimal(String)}. The result equals (same digits, same scale) what {@code new BigDecimal(text)} gives,
 * because the bars' VWAP, CVD and OHLC must not change by a digit. Only the plain form is read: digits, optionally
 * a point and more digits, 18 digits at most (so the unscaled value fits a long). Anything else (sign, exponent,
 * a bare point, more digits) gives null: the caller then goes the general way and gets that way's answer or error.
 */
public final class PlainDecimal {
    /** 10^18 &lt; 2^63: eighteen digits always fit a long. */
    public static final int MAX_DIGITS = 18;

    private PlainDecimal() {}

    /** The decimal in {@code text[from, to)}, or null when it is not in the plain form. */
    public static BigDecimal parse(CharSequence text, int from, int to) {
        long unscaled = 0;
        int digits = 0;
        int point = -1;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > MAX_DIGITS) {
                    return null;
                }
                unscaled = unscaled * 10 + (c - '0');
            } else if (c == '.' && point < 0 && i > from && i < to - 1) {
                point = i;
            } else {
                return null;
            }
        }
        if (digits == 0) {
            return null;
        }
        return BigDecimal.valueOf(unscaled, point < 0 ? 0 : to - point - 1);
    }
}
