package perpwatch.feeds.solana;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Base58Test {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    /** The textbook definition: the number in base 58, one '1' per leading zero byte. */
    static String reference(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        BigInteger v = new BigInteger(1, bytes);
        BigInteger base = BigInteger.valueOf(58);
        while (v.signum() > 0) {
            BigInteger[] qr = v.divideAndRemainder(base);
            sb.append(ALPHABET.charAt(qr[1].intValue()));
            v = qr[0];
        }
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            sb.append('1');
        }
        return sb.reverse().toString();
    }

    @Test
    void matchesTheDefinitionAndRoundTrips() {
        assertEquals(
                "vELoC1audYbSYVRXn1vPaV8Axoa9oU6BYmNGZZBDZ1P",
                Base58.encode(Base58.decode("vELoC1audYbSYVRXn1vPaV8Axoa9oU6BYmNGZZBDZ1P")));
        assertEquals("11111111111111111111111111111111", Base58.encode(new byte[32]));
        assertEquals("", Base58.encode(new byte[0]));
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 5_000; i++) {
            byte[] b = new byte[i % 3 == 0 ? 32 : r.nextInt(0, 40)];
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) r.nextInt(256);
            }
            for (int k = 0; k < r.nextInt(0, 4) && k < b.length; k++) {
                b[k] = 0;
            }
            assertEquals(reference(b), Base58.encode(b));
            assertArrayEquals(b, Base58.decode(Base58.encode(b)));
        }
    }
}
