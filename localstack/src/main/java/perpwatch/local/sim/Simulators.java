package perpwatch.local.sim;

import java.io.IOException;
import java.util.Map;
import perpwatch.local.sim.binance.BinanceFuturesSimulator;
import perpwatch.local.sim.bybit.BybitSimulator;
import perpwatch.local.sim.okx.OkxSimulator;
import perpwatch.local.sim.solana.DriftPopulation;
import perpwatch.local.sim.solana.SolanaRpcSimulator;

/** Every venue simulator, started together on free loopback ports, and the variables that point the feeds at them. */
public record Simulators(BinanceFuturesSimulator binance, OkxSimulator okx, BybitSimulator bybit, SolanaRpcSimulator solana)
        implements AutoCloseable {

    public static Simulators start() throws IOException, InterruptedException {
        return new Simulators(BinanceFuturesSimulator.start(), OkxSimulator.start(), BybitSimulator.start(),
                SolanaRpcSimulator.start(new DriftPopulation(DriftPopulation.DEFAULT_USERS, 1, 150_000_000L)));
    }

    /** The feed-task configuration that sends every venue connection here instead of to the real venue. */
    public Map<String, String> feedOverrides() {
        return Map.of(
                "PERPWATCH_BINANCE_MARKET_WS", binance.wsBase() + "/market",
                "PERPWATCH_BINANCE_PUBLIC_WS", binance.wsBase() + "/public",
                "PERPWATCH_BINANCE_REST", binance.restBase(),
                "PERPWATCH_OKX_PUBLIC_WS", okx.publicWsUrl(),
                "PERPWATCH_OKX_REST", okx.restBase(),
                "PERPWATCH_BYBIT_PUBLIC_WS", bybit.linearWsUrl(),
                "PERPWATCH_BYBIT_REST", bybit.restBase(),
                "PERPWATCH_SOLANA_RPC_URL", solana.url(),
                "PERPWATCH_DRIFT_DATA_API", solana.url());
    }

    @Override
    public void close() {
        binance.close();
        okx.close();
        bybit.close();
        solana.close();
    }
}
