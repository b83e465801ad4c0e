package perpwatch.local.sim;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import perpwatch.feeds.onchain.ProgramProfile;
import perpwatch.local.sim.binance.BinanceFuturesSimulator;
import perpwatch.local.sim.bybit.BybitSimulator;
import perpwatch.local.sim.okx.OkxSimulator;
import perpwatch.local.sim.solana.DriftPopulation;
import perpwatch.local.sim.solana.SlotClock;
import perpwatch.local.sim.solana.SolanaRpcSimulator;
import perpwatch.local.sim.solana.VelocityPopulation;
import perpwatch.local.sim.velocity.VelocityDataApiSimulator;
import perpwatch.local.sim.velocity.VelocityDlobSimulator;
import perpwatch.local.sim.velocity.VelocityMarketSource;
import perpwatch.local.sim.velocity.VelocityOracleAccount;
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
        /**
         * On {@code clock}, the Solana node's: the DLOB's slot and the oracle's posted slot are the node's. The DLOB
         * publishes every 400 ms, a slot, and heartbeats every 5 s, as the real server does.
         */
        static VelocitySims start(SlotClock clock) throws IOException, InterruptedException {
            VelocityMarketSource market = new VelocityMarketSource(clock.nowMs());
            VelocityVenueModel model = new VelocityVenueModel(clock);
            return new VelocitySims(
                    market,
                    model,
                    VelocityDlobSimulator.start(market, model, Duration.ofMillis(400), Duration.ofSeconds(5)),
                    VelocityDataApiSimulator.start(market, model, 24));
        }

        /** Freezes (or releases) SOL-PERP's oracle at the market's current reading: a Lazer feed that stops. */
        public void stallOracle(boolean stalled) {
            model.stallOracle(stalled, market.get());
        }

        /** Moves the mark away from the oracle by {@code bpsPerSecond}; 0 snaps it back. */
        public void driftMark(double bpsPerSecond) {
            model.driftMark(bpsPerSecond);
        }

        /** SOL-PERP's oracle account as the Solana node serves it, from this model. */
        public VelocityOracleAccount oracleAccount() {
            return new VelocityOracleAccount(market, model);
        }

        void close() {
            dlob.close();
            data.close();
        }
    }

    /** With the Solana node serving Velocity, the default on-chain profile. */
    public static Simulators start() throws IOException, InterruptedException {
        return start(ProgramProfile.VELOCITY);
    }

    /**
     * {@code onchain}: the program the Solana node serves, and the feeds scan — Velocity's live population, or Drift
     * v2 paused as it has been since its drain.
     */
    public static Simulators start(ProgramProfile onchain) throws IOException, InterruptedException {
        // One slot clock: getSlot, the DLOB's slot and the oracle's posted slot must agree, as on mainnet.
        SlotClock clock = new SlotClock(System::currentTimeMillis);
        SolanaRpcSimulator solana = SolanaRpcSimulator.start(
                SolanaRpcSimulator.population(onchain.configName(), DriftPopulation.DEFAULT_USERS), clock);
        VelocitySims velocity = VelocitySims.start(clock);
        // Velocity's SOL oracle is the venue model's; Drift v2's stays the paused population's, posted long ago.
        if (solana.population() instanceof VelocityPopulation population) {
            solana.serveOracle(population.solOracle(), velocity.oracleAccount()::bytes);
        }
        return new Simulators(
                BinanceFuturesSimulator.start(), OkxSimulator.start(), BybitSimulator.start(), solana, velocity);
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
