package perpwatch.feeds.onchain;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import perpwatch.feeds.solana.Base58;
import perpwatch.feeds.solana.Pubkey;

/** Little-endian reads from an account's data, as Borsh and Anchor zero-copy lay them out. */
final class AccountBytes {
    private final byte[] data;

    AccountBytes(byte[] data) {
        this.data = data;
    }

    int u8(int off) {
        return data[off] & 0xff;
    }

    boolean bool(int off) {
        return data[off] != 0;
    }

    int u16(int off) {
        return (data[off] & 0xff) | (data[off + 1] & 0xff) << 8;
    }

    long u32(int off) {
        return i32(off) & 0xffffffffL;
    }

    int i32(int off) {
        return (data[off] & 0xff)
                | (data[off + 1] & 0xff) << 8
                | (data[off + 2] & 0xff) << 16
                | (data[off + 3] & 0xff) << 24;
    }

    long i64(int off) {
        return i64(data, off);
    }

    /** A field the layout marks {@link AccountLayouts#ABSENT} reads as 0. */
    long i64OrZero(int off) {
        return off == AccountLayouts.ABSENT ? 0 : i64(off);
    }

    int u16OrZero(int off) {
        return off == AccountLayouts.ABSENT ? 0 : u16(off);
    }

    static long i64(byte[] data, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (data[off + i] & 0xff);
        }
        return v;
    }

    /** Unsigned 64-bit values can exceed a long: balances and interest are read as BigInteger. */
    BigInteger u64(int off) {
        return unsigned(off, 8);
    }

    BigInteger u128(int off) {
        return unsigned(off, 16);
    }

    BigInteger i128(int off) {
        byte[] be = new byte[16];
        for (int i = 0; i < 16; i++) {
            be[i] = data[off + 15 - i];
        }
        return new BigInteger(be);
    }

    private BigInteger unsigned(int off, int size) {
        byte[] be = new byte[size];
        for (int i = 0; i < size; i++) {
            be[i] = data[off + size - 1 - i];
        }
        return new BigInteger(1, be);
    }

    String pubkey(int off) {
        return Base58.encode(data, off, 32);
    }

    /** The key at {@code off}, as bytes: encoded to text only if someone reads it. */
    Pubkey publicKey(int off) {
        return Pubkey.of(data, off);
    }

    /** Drift pads names with spaces. */
    String name(int off) {
        return new String(data, off, 32, StandardCharsets.UTF_8).trim();
    }

    static void expectDiscriminator(byte[] data, byte[] discriminator, String account) {
        if (data == null || data.length < discriminator.length) {
            throw new DriftDecodeException(
                    DriftDecodeException.Fault.SHORT,
                    account + ": " + (data == null ? "no data" : data.length + " bytes"));
        }
        for (int i = 0; i < discriminator.length; i++) {
            if (data[i] != discriminator[i]) {
                throw new DriftDecodeException(account + ": wrong discriminator (not a " + account + " account)");
            }
        }
    }
}
