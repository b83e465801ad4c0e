package perpwatch.feeds.onchain;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import perpwatch.feeds.solana.Base58;

/**
 * The primitive writes both programs' encoders share: Anchor accounts are little-endian, start with their
 * discriminator, name markets in 32 space-padded bytes and keep 128-bit integers as two longs. The layouts differ per
 * program; these do not.
 */
final class AccountWriter {
    private AccountWriter() {}

    static ByteBuffer buffer(int size, byte[] discriminator) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(discriminator);
        return b;
    }

    static void pubkey(ByteBuffer b, int offset, String key) {
        b.position(offset);
        b.put(Base58.decode(key));
    }

    static void name(ByteBuffer b, int offset, String name) {
        byte[] padded = new byte[32];
        Arrays.fill(padded, (byte) ' ');
        byte[] text = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(text, 0, padded, 0, text.length);
        b.position(offset);
        b.put(padded);
    }

    static void u64(ByteBuffer b, int offset, BigInteger value) {
        b.putLong(offset, value.longValue());
    }

    /** Two's complement in 16 bytes: the same write serves i128. */
    static void u128(ByteBuffer b, int offset, BigInteger value) {
        b.putLong(offset, value.longValue());
        b.putLong(offset + 8, value.shiftRight(64).longValue());
    }
}
