package perpwatch.feeds.solana;

import java.net.URI;
import java.time.Duration;
import perpwatch.core.config.Env;

/**
 * Where and how to call Solana JSON-RPC.
 *
 * @param endpoint {@code PERPWATCH_SOLANA_RPC_URL}, default {@code https://api.mainnet-beta.solana.com} (public nodes
 *                 refuse getProgramAccounts on Drift: point it at a provider that serves it)
 * @param timeout  {@code PERPWATCH_SOLANA_RPC_TIMEOUT} (180s): one whole call, including a full program scan
 * @param attempts {@code PERPWATCH_SOLANA_RPC_ATTEMPTS} (4): tries per call on 429, 5xx, timeouts and cut-off bodies
 * @param backoff  {@code PERPWATCH_SOLANA_RPC_BACKOFF} (2s): first pause between tries, doubled each time
 */
public record SolanaRpcConfig(URI endpoint, Duration timeout, int attempts, Duration backoff) {
    public static SolanaRpcConfig fromEnv(Env env) {
        return new SolanaRpcConfig(
                URI.create(env.string("PERPWATCH_SOLANA_RPC_URL", "https://api.mainnet-beta.solana.com")),
                env.duration("PERPWATCH_SOLANA_RPC_TIMEOUT", Duration.ofSeconds(180)),
                env.integer("PERPWATCH_SOLANA_RPC_ATTEMPTS", 4),
                env.duration("PERPWATCH_SOLANA_RPC_BACKOFF", Duration.ofSeconds(2)));
    }
}
