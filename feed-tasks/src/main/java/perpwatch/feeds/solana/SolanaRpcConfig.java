package perpwatch.feeds.solana;

import java.net.URI;
import java.time.Duration;
import perpwatch.core.config.Env;
import perpwatch.core.config.SafeUrl;

/**
 * Where and how to call Solana JSON-RPC, and how far behind the node's slot an on-chain price may be.
 *
 * @param endpoint {@code PERPWATCH_SOLANA_RPC_URL}, default {@code https://api.mainnet-beta.solana.com} (public nodes
 *                 refuse getProgramAccounts on Drift: point it at a provider that serves it); the placeholder or a
 *                 value that does not parse leaves the scan idle, never the process down ({@link SolanaRpcEndpoint})
 * @param timeout  {@code PERPWATCH_SOLANA_RPC_TIMEOUT} (180s): one whole call, including a full program scan
 * @param attempts {@code PERPWATCH_SOLANA_RPC_ATTEMPTS} (4): tries per call on 429, 5xx, timeouts and cut-off bodies
 * @param backoff  {@code PERPWATCH_SOLANA_RPC_BACKOFF} (2s): first pause between tries, doubled each time
 * @param oracleSlotBudget {@code PERPWATCH_ONCHAIN_SLOT_BUDGET} (150 slots, about a minute): an oracle posted more
 *                 slots than this before the node's current slot makes the liquidation map {@code stale}
 */
public record SolanaRpcConfig(URI endpoint, Duration timeout, int attempts, Duration backoff, long oracleSlotBudget) {
    public static final long DEFAULT_ORACLE_SLOT_BUDGET = 150;

    public SolanaRpcConfig(URI endpoint, Duration timeout, int attempts, Duration backoff) {
        this(endpoint, timeout, attempts, backoff, DEFAULT_ORACLE_SLOT_BUDGET);
    }

    public SolanaRpcConfig {
        if (oracleSlotBudget <= 0) {
            throw new IllegalArgumentException(
                    "PERPWATCH_ONCHAIN_SLOT_BUDGET must be a positive number of slots, not " + oracleSlotBudget);
        }
    }

    public static SolanaRpcConfig fromEnv(Env env) {
        return new SolanaRpcConfig(
                SolanaRpcEndpoint.fromEnv(env),
                env.duration("PERPWATCH_SOLANA_RPC_TIMEOUT", Duration.ofSeconds(180)),
                env.integer("PERPWATCH_SOLANA_RPC_ATTEMPTS", 4),
                env.duration("PERPWATCH_SOLANA_RPC_BACKOFF", Duration.ofSeconds(2)),
                env.integer("PERPWATCH_ONCHAIN_SLOT_BUDGET", (int) DEFAULT_ORACLE_SLOT_BUDGET));
    }

    /** The endpoint redacted: a record's own toString would print the provider's key. */
    @Override
    public String toString() {
        return "SolanaRpcConfig[endpoint=" + SafeUrl.of(endpoint) + ", timeout=" + timeout + ", attempts=" + attempts
                + ", backoff=" + backoff + "]";
    }
}
