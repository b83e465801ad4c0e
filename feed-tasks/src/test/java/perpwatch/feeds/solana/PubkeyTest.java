package perpwatch.feeds.solana;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A key read from account bytes reads as the same base58 text, and compares by its bytes. */
class PubkeyTest {
    private static final String DRIFT = "dRiftyHA39MWEi3m9aunc5MzRF1JYuBsbn6VPcn33UH";

    @Test
    void readFromBytesItIsTheBase58OfThoseBytes() {
        byte[] account = new byte[40];
        byte[] key = Base58.decode(DRIFT);
        System.arraycopy(key, 0, account, 8, 32);
        Pubkey read = Pubkey.of(account, 8);
        account[8] = 0; // the buffer may be reused: the key was copied
        assertEquals(DRIFT, read.toString());
        assertEquals(Base58.encode(key), read.toString());
        assertArrayEquals(key, read.bytes());
        assertEquals(Pubkey.fromBase58(DRIFT), read);
        assertEquals(Pubkey.fromBase58(DRIFT).hashCode(), read.hashCode());
        assertNotEquals(Pubkey.of(new byte[32], 0), read);
        assertEquals(
                "11111111111111111111111111111111", Pubkey.of(new byte[32], 0).toString());
    }

    @Test
    void textThatIsNotThirtyTwoBytesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Pubkey.fromBase58("abc"));
    }
}
