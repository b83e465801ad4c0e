package perpwatch.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RedactorTest {
    static final String KEY = "3f9c2a71-0b8e-4d5f-9a61-7c2e4b8d1f05";

    @Test
    void aQueryKeyAPathKeyAndUserinfoAreMaskedHostAndWordsStay() {
        assertEquals(
                "https://mainnet.helius-rpc.com/?api-key=***",
                Redactor.redact("https://mainnet.helius-rpc.com/?api-key=" + KEY));
        assertEquals(
                "https://solana-mainnet.rpcpool.com/***", Redactor.redact("https://solana-mainnet.rpcpool.com/" + KEY));
        assertEquals(
                "https://x.solana-mainnet.quiknode.pro/***/",
                Redactor.redact("https://x.solana-mainnet.quiknode.pro/" + "a1b2c3d4e5f6a7b8c9d0/"));
        assertEquals("redis://***@cache:6379", Redactor.redact("redis://default:" + KEY + "@cache:6379"));
        assertEquals(
                "http://127.0.0.1:8899/v1/rpc?token=***&x=***",
                Redactor.redact("http://127.0.0.1:8899/v1/rpc?token=" + KEY + "&x=1"));
    }

    @Test
    void urlsInsideASentenceAreFoundAndTheRestIsKept() {
        String text = "getProgramAccounts: java.net.ConnectException to https://rpc.example/" + KEY
                + " failed; retry (api_key=" + KEY + ")";
        String redacted = Redactor.redact(text);
        assertFalse(redacted.contains(KEY), redacted);
        assertTrue(redacted.startsWith("getProgramAccounts: java.net.ConnectException to https://rpc.example/***"));
    }

    @Test
    void aValueThatDoesNotParseIsRefusedWithoutEchoingIt() {
        String bad = "https://rpc.example/" + KEY + "?x=a b|c";
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SafeUrl.parse("PERPWATCH_SOLANA_RPC_URL", bad));
        assertTrue(e.getMessage().startsWith("PERPWATCH_SOLANA_RPC_URL is not a valid URL"), e.getMessage());
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
        String generated = "q" + KEY + "!&^%";
        e = assertThrows(IllegalArgumentException.class, () -> SafeUrl.parse("PERPWATCH_SOLANA_RPC_URL", generated));
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
        assertEquals(
                "https://rpc.example/***",
                SafeUrl.parse("V", "https://rpc.example/" + KEY).toString());
    }
}
