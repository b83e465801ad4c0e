package perpwatch.feeds.solana;

import java.util.Arrays;

/**
 * A 32-byte Solana public key read from an account, written as base58 only when asked: a scan decodes hundreds of
 * thousands of Users and reads none of their authorities, and encoding each one was half the decode's time
 * (bench/peers/profile.md).
 */
public final class Pubkey {
    public static final int LENGTH = 32;

    private final byte[] bytes;
    /** The base58 text, computed at most once per thread that asks first; the same text whichever computes it. */
    private String text;

    private Pubkey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The key at {@code offset} of {@code data} (copied: the account buffer may be reused). */
    public static Pubkey of(byte[] data, int offset) {
        return new Pubkey(Arrays.copyOfRange(data, offset, offset + LENGTH));
    }

    public static Pubkey fromBase58(String text) {
        byte[] bytes = Base58.decode(text);
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a public key is 32 bytes, '" + text + "' is " + bytes.length);
        }
        return new Pubkey(bytes);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            t = Base58.encode(bytes);
            text = t;
        }
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pubkey other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
