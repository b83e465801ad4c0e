package perpwatch.feeds.solana;

import java.net.URI;
import java.time.Duration;
import perpwatch.core.config.Env;
import perpwatch.core.config.SafeUrl;

/**
 * Where and how to call Solana JSON-RPC.
 *
 * @param endpoint {@code PERPWATCH_SOLANA_RPC_URL}, default {@code https://api.mainnet-beta.solana.com} (public nodes
 *                 refuse getProgramAccounts on Drift: point it at a provider that serves it); the placeholder or a
 *                 value that does not parse leaves the scan idle, never the process down ({@link SolanaRpcEndpoint})
 * @param timeout  {@code PERPWATCH_SOLANA_RPC_TIMEOUT} (180s): one whole call, including a full program scan
 * @param attempts {@code PERPWATCH_SOLANA_RPC_ATTEMPTS} (4): tries per call on 429, 5xx, timeouts and cut-off bodies
 * @param backoff  {@code PERPWATCH_SOLANA_RPC_BACKOFF} (2s): first pause between tries, doubled each time
 */
public record SolanaRpcConfig(URI endpoint, Duration timeout, int attempts, Duration backoff) {
    public static SolanaRpcConfig fromEnv(Env env) {
        return new SolanaRpcConfig(
                SolanaRpcEndpoint.fromEnv(env),
                env.duration("PERPWATCH_SOLANA_RPC_TIMEOUT", Duration.ofSeconds(180)),
                env.integer("PERPWATCH_SOLANA_RPC_ATTEMPTS", 4),
                env.duration("PERPWATCH_SOLANA_RPC_BACKOFF", Duration.ofSeconds(2)));
    }

    /** The endpoint redacted: a record's own toString would print the provider's key. */
    @Override
    public String toString() {
        return "SolanaRpcConfig[endpoint=" + SafeUrl.of(endpoint) + ", timeout=" + timeout + ", attempts=" + attempts
                + ", backoff=" + backoff + "]";
    }
}
