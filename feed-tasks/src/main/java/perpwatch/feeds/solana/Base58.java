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

    /** 58⁵, the largest power of 58 below 2³⁰: one division by it yields five digits. */
    private static final long FIVE_DIGITS = 656_356_768L;

    /**
     * Repeated division of the number held in big-endian 32-bit limbs by 58⁵, five digits at a time: a scan encodes
     * a public key for every User it decodes, and byte-at-a-time division was most of the local node's CPU.
     */
    public static String encode(byte[] bytes, int offset, int length) {
        int zeros = 0;
        while (zeros < length && bytes[offset + zeros] == 0) {
            zeros++;
        }
        int n = (length + 3) / 4;
        int[] limbs = new int[n];
        for (int i = 0; i < length; i++) {
            // i counts from the least significant (last) byte.
            limbs[n - 1 - i / 4] |= (bytes[offset + length - 1 - i] & 0xff) << (8 * (i % 4));
        }
        char[] out = new char[length * 2 + 5];
        int outStart = out.length;
        int start = 0;
        while (start < n && limbs[start] == 0) {
            start++;
        }
        while (start < n) {
            long remainder = 0;
            for (int i = start; i < n; i++) {
                long value = (remainder << 32) | (limbs[i] & 0xffffffffL);
                limbs[i] = (int) (value / FIVE_DIGITS);
                remainder = value % FIVE_DIGITS;
            }
            while (start < n && limbs[start] == 0) {
                start++;
            }
            for (int d = 0; d < 5; d++) {
                out[--outStart] = ALPHABET[(int) (remainder % 58)];
                remainder /= 58;
            }
        }
        // The last group is padded with zero digits ('1'); leading zero bytes are written as '1' each.
        while (outStart < out.length && out[outStart] == '1') {
            outStart++;
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
