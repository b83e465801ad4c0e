package perpwatch.local.sim;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import perpwatch.feeds.onchain.ProgramProfile;
import perpwatch.local.sim.binance.BinanceFuturesSimulator;
import perpwatch.local.sim.bybit.BybitSimulator;
import perpwatch.local.sim.okx.OkxSimulator;
import perpwatch.local.sim.solana.DriftPopulation;
import perpwatch.local.sim.solana.SolanaRpcSimulator;
import perpwatch.local.sim.velocity.VelocityDataApiSimulator;
import perpwatch.local.sim.velocity.VelocityDlobSimulator;
import perpwatch.local.sim.velocity.VelocityMarketSource;
import perpwatch.local.sim.velocity.VelocityVenueModel;

/** Every venue simulator, started together on free loopback ports, and the variables that point the feeds at them. */
public record Simulators(
        BinanceFuturesSimulator binance,
        OkxSimulator okx,
        BybitSimulator bybit,
        SolanaRpcSimulator solana,
        VelocitySims velocity)
        implements AutoCloseable {

    /**
     * Velocity's DLOB (HTTP and WebSocket) and data API, with the market they read ({@link VelocityMarketSource}) and
     * their venue model (the oracle stall and mark drift switches).
     */
    public record VelocitySims(
            VelocityMarketSource market,
            VelocityVenueModel model,
            VelocityDlobSimulator dlob,
            VelocityDataApiSimulator data) {
        /** The DLOB publishes every 400 ms, a slot, and heartbeats every 5 s, as the real server does. */
        static VelocitySims start() throws IOException, InterruptedException {
            long now = System.currentTimeMillis();
            VelocityMarketSource market = new VelocityMarketSource(now);
            VelocityVenueModel model = new VelocityVenueModel(now, VELOCITY_START_SLOT);
            return new VelocitySims(
                    market,
                    model,
                    VelocityDlobSimulator.start(market, model, Duration.ofMillis(400), Duration.ofSeconds(5)),
                    VelocityDataApiSimulator.start(market, model, 24));
        }

        void close() {
            dlob.close();
            data.close();
        }
    }

    /** Where the Velocity slot clock starts: a mainnet-like slot, so slot arithmetic sees realistic magnitudes. */
    private static final long VELOCITY_START_SLOT = 318_000_000L;

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
                        SolanaRpcSimulator.population(onchain.configName(), DriftPopulation.DEFAULT_USERS)),
                VelocitySims.start());
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
                Map.entry("PERPWATCH_DRIFT_DATA_API", solana.url()),
                Map.entry("PERPWATCH_VELOCITY_DLOB_HTTP", velocity.dlob().restBase()),
                Map.entry("PERPWATCH_VELOCITY_DLOB_WS", velocity.dlob().wsUrl()),
                Map.entry("PERPWATCH_VELOCITY_DATA_API", velocity.data().restBase()));
    }

    @Override
    public void close() {
        binance.close();
        okx.close();
        bybit.close();
        solana.close();
        velocity.close();
    }
}
