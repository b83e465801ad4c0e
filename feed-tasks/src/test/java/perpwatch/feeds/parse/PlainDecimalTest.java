package perpwatch.feeds.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainDecimalTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "7.6120",
                "297",
                "0.001",
                "0",
                "0.0",
                "007.5",
                "0000.00012300",
                "100",
                "123456789012345678",
                "12345678901234567.8",
                "0.00000000000000001",
                "999999999999999999",
                "9.99999999999999999"
            })
    void plainDecimalsEqualWhatBigDecimalReads(String text) {
        // equals, not compareTo: the scale must match too, or a bar's fields would print differently
        assertEquals(new BigDecimal(text), PlainDecimal.parse(text, 0, text.length()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                ".",
                ".5",
                "5.",
                "-1",
                "+1",
                "-0.5",
                "1e5",
                "1E-8",
                "1.5e3",
                "1.2.3",
                "1,5",
                " 1",
                "1 ",
                "0x10",
                "NaN",
                "Infinity",
                "1234567890123456789",
                "0.000000000000000001",
                "9223372036854775808",
                "99999999999999999999999999",
                "١٢٣"
            })
    void anythingElseIsLeftToTheGeneralWay(String text) {
        assertNull(PlainDecimal.parse(text, 0, text.length()));
    }

    @Test
    void readsOnlyTheGivenRange() {
        String frame = "{\"p\":\"7.6120\",\"q\":\"297\"}";
        int from = frame.indexOf("7.6120");
        assertEquals(new BigDecimal("7.6120"), PlainDecimal.parse(frame, from, from + 6));
    }

    @Test
    void randomDigitStringsAgreeWithBigDecimal() {
        Random random = new Random(23);
        for (int n = 0; n < 100_000; n++) {
            StringBuilder text = new StringBuilder();
            int digits = 1 + random.nextInt(20);
            int point = random.nextInt(digits + 1);
            for (int i = 0; i < digits; i++) {
                if (i == point && i > 0) {
                    text.append('.');
                }
                text.append(random.nextInt(4) == 0 ? '0' : (char) ('0' + random.nextInt(10)));
            }
            String s = text.toString();
            BigDecimal fast = PlainDecimal.parse(s, 0, s.length());
            if (digits <= PlainDecimal.MAX_DIGITS) {
                assertEquals(new BigDecimal(s), fast, s);
            } else {
                assertNull(fast, s);
            }
        }
    }
}
