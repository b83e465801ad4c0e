package perpwatch.feeds.solana;

import java.math.BigInteger;
import java.util.Arrays;

/** Bitcoin-alphabet base58, the text form of Solana public keys and of memcmp filter bytes. */
public final class Base58 {
    private static final char[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final int[] INDEX = new int[128];

    static {
        Arrays.fill(INDEX, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            INDEX[ALPHABET[i]] = i;
        }
    }

    private Base58() {}

    public static String encode(byte[] bytes) {
        return encode(bytes, 0, bytes.length);
    }

    public static String encode(byte[] bytes, int offset, int length) {
        int zeros = 0;
        while (zeros < length && bytes[offset + zeros] == 0) {
            zeros++;
        }
        byte[] digits = Arrays.copyOfRange(bytes, offset, offset + length);
        char[] out = new char[length * 2];
        int outStart = out.length;
        int start = zeros;
        while (start < length) {
            int remainder = 0;
            for (int i = start; i < length; i++) {
                int value = (remainder << 8) | (digits[i] & 0xff);
                digits[i] = (byte) (value / 58);
                remainder = value % 58;
            }
            out[--outStart] = ALPHABET[remainder];
            while (start < length && digits[start] == 0) {
                start++;
            }
        }
        for (int i = 0; i < zeros; i++) {
            out[--outStart] = '1';
        }
        return new String(out, outStart, out.length - outStart);
    }

    public static byte[] decode(String text) {
        BigInteger value = BigInteger.ZERO;
        BigInteger base = BigInteger.valueOf(58);
        int zeros = 0;
        boolean leading = true;
        for (char c : text.toCharArray()) {
            int digit = c < 128 ? INDEX[c] : -1;
            if (digit < 0) {
                throw new IllegalArgumentException("not base58: '" + c + "' in " + text);
            }
            if (leading && digit == 0) {
                zeros++;
            } else {
                leading = false;
            }
            value = value.multiply(base).add(BigInteger.valueOf(digit));
        }
        byte[] magnitude = value.signum() == 0 ? new byte[0] : value.toByteArray();
        int skip = magnitude.length > 0 && magnitude[0] == 0 ? 1 : 0;
        byte[] out = new byte[zeros + magnitude.length - skip];
        System.arraycopy(magnitude, skip, out, zeros, magnitude.length - skip);
        return out;
    }
}
