package perpwatch.feeds.binance.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static perpwatch.feeds.binance.book.DecimalUnits.NOT_PLAIN;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalUnitsTest {
    private static final long MAX = OrderBook.MAX_QTY_UNITS;

    private static long parse(String text) {
        return DecimalUnits.parse(text.toCharArray(), 0, text.length(), OrderBook.SCALE, MAX);
    }

    @ParameterizedTest
    @CsvSource({
        "7.6110, 761100000",
        "813, 81300000000",
        "0, 0",
        "0.00000000, 0",
        "0.00000001, 1",
        // Leading zeros, and zeros past the scale (Binance pads to the symbol's precision): both exact.
        "0007.6110, 761100000",
        "1.000000000000, 100000000",
        "12.34567890000, 1234567890",
        // Ten integer digits with eight decimals is the most a long certainly holds before the bound check.
        "9999999999.99999999, 999999999999999999"
    })
    void plainDecimalsBecomeExactUnits(String text, long units) {
        assertEquals(units, parse(text));
        assertEquals(new BigDecimal(text).movePointRight(OrderBook.SCALE).longValueExact(), units);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // Not the plain form: the exact BigDecimal path decides these.
                "1e3",
                "1E+2",
                "1.5e-3",
                "-1",
                "-0",
                "+1",
                ".5",
                "1.",
                ".",
                "",
                " 1",
                "1 ",
                "1,5",
                "1.2.3",
                "0x10",
                "١",
                // A non-zero digit beyond 8 decimals cannot be held exactly.
                "1.000000001",
                "0.000000000000000001",
                // More integer digits than certainly fit (leading zeros included: rare, left to the exact path).
                "12345678901",
                "00000000001",
                "99999999999999999999999"
            })
    void anythingElseIsLeftToTheExactPath(String text) {
        assertEquals(NOT_PLAIN, parse(text));
    }

    @Test
    void theBoundIsInclusive() {
        char[] text = "5.00000000".toCharArray();
        assertEquals(500_000_000L, DecimalUnits.parse(text, 0, text.length, 8, 500_000_000L));
        assertEquals(NOT_PLAIN, DecimalUnits.parse(text, 0, text.length, 8, 499_999_999L));
        assertEquals(
                OrderBook.MAX_PRICE_UNITS,
                DecimalUnits.parse("1000000".toCharArray(), 0, 7, 8, OrderBook.MAX_PRICE_UNITS));
        assertEquals(
                NOT_PLAIN, DecimalUnits.parse("1000000.00000001".toCharArray(), 0, 16, 8, OrderBook.MAX_PRICE_UNITS));
    }

    @Test
    void onlyTheGivenSliceIsRead() {
        // Jackson hands over its buffer with an offset and a length; what is around the number must not count.
        char[] buffer = "[\"7.61\",\"99\"]".toCharArray();
        assertEquals(761_000_000L, DecimalUnits.parse(buffer, 2, 4, 8, MAX));
        assertEquals(9_900_000_000L, DecimalUnits.parse(buffer, 9, 2, 8, MAX));
        assertEquals(7L, DecimalUnits.parse(buffer, 2, 1, 0, MAX));
    }

    @Test
    void agreesWithBigDecimalOnGeneratedText() throws Exception {
        // Strings of digits with at most one dot, of every length up to 22: whenever DecimalUnits answers, it is
        // BigDecimal's exact value; whenever BigDecimal's value fits the scale and bound (and the text is plain with
        // at most 10 integer digits), DecimalUnits answers.
        SplittableRandom random = new SplittableRandom(23);
        for (int n = 0; n < 200_000; n++) {
            int length = 1 + random.nextInt(22);
            StringBuilder text = new StringBuilder(length);
            int dot = random.nextInt(3) == 0 ? -1 : random.nextInt(length);
            for (int i = 0; i < length; i++) {
                text.append(i == dot ? '.' : (char) ('0' + (random.nextInt(3) == 0 ? 0 : random.nextInt(10))));
            }
            String s = text.toString();
            long fast = parse(s);
            long exact = exactOrMinusOne(s);
            if (fast != NOT_PLAIN) {
                assertEquals(exact, fast, s);
            } else if (exact >= 0) {
                int integerDigits = dot < 0 ? length : dot;
                boolean plain = integerDigits > 0 && dot != length - 1;
                assertNotEquals(true, plain && integerDigits <= 10, "plain, fits, yet not read: " + s);
            }
        }
    }

    private static long exactOrMinusOne(String s) {
        try {
            return FixedPoint.toUnits(new BigDecimal(s), OrderBook.SCALE, MAX);
        } catch (NumberFormatException | FixedPoint.UnrepresentableLevelException e) {
            return -1;
        }
    }
}
