package perpwatch.local.sim;

import java.io.IOException;
import java.util.Map;
import perpwatch.feeds.onchain.ProgramProfile;
import perpwatch.local.sim.binance.BinanceFuturesSimulator;
import perpwatch.local.sim.bybit.BybitSimulator;
import perpwatch.local.sim.okx.OkxSimulator;
import perpwatch.local.sim.solana.DriftPopulation;
import perpwatch.local.sim.solana.SolanaRpcSimulator;

/** Every venue simulator, started together on free loopback ports, and the variables that point the feeds at them. */
public record Simulators(
        BinanceFuturesSimulator binance, OkxSimulator okx, BybitSimulator bybit, SolanaRpcSimulator solana)
        implements AutoCloseable {

    /** With the Solana node serving Velocity, the default on-chain profile. */
    public static Simulators start() throws IOException, InterruptedException {
        return start(ProgramProfile.VELOCITY);
    }

    /**
     * {@code onchain}: the program the Solana node serves, and the feeds scan — Velocity's live population, or Drift
     * v2 paused as it has been since its drain.
     */
    public static Simulators start(ProgramProfile onchain) throws IOException, InterruptedException {
        return new Simulators(
                BinanceFuturesSimulator.start(),
                OkxSimulator.start(),
                BybitSimulator.start(),
                SolanaRpcSimulator.start(
                        SolanaRpcSimulator.population(onchain.configName(), DriftPopulation.DEFAULT_USERS)));
    }

    /** The feed-task configuration that sends every venue connection here instead of to the real venue. */
    public Map<String, String> feedOverrides() {
        // The feeds scan the program the node serves.
        return Map.ofEntries(
                Map.entry("PERPWATCH_ONCHAIN_PROGRAM", solana.population().profile()),
                Map.entry("PERPWATCH_BINANCE_MARKET_WS", binance.wsBase() + "/market"),
                Map.entry("PERPWATCH_BINANCE_PUBLIC_WS", binance.wsBase() + "/public"),
                Map.entry("PERPWATCH_BINANCE_REST", binance.restBase()),
                Map.entry("PERPWATCH_OKX_PUBLIC_WS", okx.publicWsUrl()),
                Map.entry("PERPWATCH_OKX_REST", okx.restBase()),
                Map.entry("PERPWATCH_BYBIT_PUBLIC_WS", bybit.linearWsUrl()),
                Map.entry("PERPWATCH_BYBIT_REST", bybit.restBase()),
                Map.entry("PERPWATCH_SOLANA_RPC_URL", solana.url()),
                Map.entry("PERPWATCH_DRIFT_DATA_API", solana.url()));
    }

    @Override
    public void close() {
        binance.close();
        okx.close();
        bybit.close();
        solana.close();
    }
}
