package perpwatch.local.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.model.OracleReading;
import perpwatch.core.model.OracleReadingCodec;
import perpwatch.core.redis.BufferedStreamWriter;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamEntry;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.stream.StreamKeys;
import perpwatch.core.testing.TestRedis;
import perpwatch.feeds.solana.SolanaRpcClient;
import perpwatch.feeds.solana.SolanaRpcConfig;
import perpwatch.feeds.subscription.SubscriptionState;
import perpwatch.feeds.velocity.VelocityEndpoints;
import perpwatch.feeds.velocity.VelocityMarketSettings;
import perpwatch.feeds.velocity.VelocityMarketTask;
import perpwatch.feeds.ws.Backoff;
import perpwatch.feeds.ws.ReconnectPolicy;
import perpwatch.local.market.synthetic.SyntheticMarket;
import perpwatch.local.sim.SimRestServer;
import perpwatch.local.sim.solana.SolanaRpcSimulator;
import perpwatch.local.sim.solana.VelocityPopulation;
import perpwatch.local.sim.velocity.VelocityDataApiSimulator;
import perpwatch.local.sim.velocity.VelocityDlobSimulator;
import perpwatch.local.sim.velocity.VelocityVenueModel;

/** The velocity-market task against the DLOB and data-API simulators on 127.0.0.1, into a real Redis. */
class VelocityMarketTaskSimulatorTest {
    static final Instrument SOL = Instrument.sol();
    static final StreamKey BOOK = StreamKeys.velocityBook(SOL);
    static final StreamKey FUNDING = StreamKeys.velocityFunding(SOL);
    static final StreamKey ORACLE = StreamKeys.velocityOracle(SOL);

    TestRedis redis;
    RedisStreams streams;
    SyntheticMarket market;
    VelocityDlobSimulator dlob;
    VelocityDataApiSimulator data;
    VelocityMarketTask task;
    SolanaRpcSimulator solana;

    @BeforeEach
    void start() throws Exception {
        redis = TestRedis.start();
        streams = new RedisStreams(redis.config());
        long now = System.currentTimeMillis();
        market = new SyntheticMarket(150, 21, now);
        VelocityVenueModel model = new VelocityVenueModel(now, 318_000_000L);
        dlob = VelocityDlobSimulator.start(market::state, model, Duration.ofMillis(100), Duration.ofMillis(250));
        data = VelocityDataApiSimulator.start(market::state, model, 24);
        solana = SolanaRpcSimulator.start(SolanaRpcSimulator.population("velocity", 50));
    }

    @AfterEach
    void stop() {
        if (task != null) {
            task.close();
        }
        dlob.close();
        data.close();
        solana.close();
        streams.close();
        redis.close();
    }

    VelocityMarketTask newTask() {
        return newTask(Optional.empty());
    }

    /** With the Solana node as the task's deployment builds it: one try per read, the REST timeout. */
    VelocityMarketTask newTaskReadingTheOracle() {
        return newTask(Optional.of(new SolanaRpcClient(
                new SolanaRpcConfig(URI.create(solana.url()), Duration.ofSeconds(5), 1, Duration.ofMillis(100)))));
    }

    VelocityMarketTask newTask(Optional<SolanaRpcClient> oracleRpc) {
        ReconnectPolicy policy = new ReconnectPolicy(
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(500), 0.2),
                Duration.ofSeconds(60),
                Duration.ofSeconds(3),
                Optional.empty(),
                Optional.empty(),
                Duration.ofSeconds(5));
        VelocityEndpoints endpoints = new VelocityEndpoints(dlob.restBase(), URI.create(dlob.wsUrl()), data.restBase());
        task = new VelocityMarketTask(
                SOL,
                endpoints,
                policy,
                new VelocityMarketSettings(
                        Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(500), Duration.ofMillis(200)),
                Duration.ofSeconds(5),
                oracleRpc,
                new BufferedStreamWriter(streams, 1_000, System::currentTimeMillis),
                System::currentTimeMillis);
        task.start();
        return task;
    }

    long counter(String name) {
        return task.counters().getOrDefault(name, 0L);
    }

    SubscriptionState subscription() {
        return task.links().get(0).subscription().state();
    }

    @Test
    void theBookAndTheSettledFundingReachRedisWithTheBinanceBookFields() throws Exception {
        newTask();
        waitFor(() -> subscription() == SubscriptionState.ACKNOWLEDGED);
        waitFor(() -> streams.last(BOOK).isPresent() && streams.last(FUNDING).isPresent());
        StreamEntry book = streams.last(BOOK).orElseThrow();
        assertTrue(new BigDecimal(book.field("bid_px")).compareTo(new BigDecimal(book.field("ask_px"))) < 0);
        assertTrue(new BigDecimal(book.field("spread_bps")).signum() > 0);
        assertTrue(new BigDecimal(book.field("depth_bid_usd")).signum() > 0);
        assertTrue(new BigDecimal(book.field("depth_ask_usd")).signum() > 0);
        StreamEntry funding = streams.last(FUNDING).orElseThrow();
        // The simulator settles hourly; the interval is read from the answer's records.
        assertEquals("1", funding.field("funding_interval_h"));
        assertEquals("SOL-PERP", funding.field("symbol"));
    }

    @Test
    void aDroppedConnectionIsReconnectedAndSubscribedAgain() throws Exception {
        newTask();
        waitFor(() -> subscription() == SubscriptionState.ACKNOWLEDGED
                && streams.last(BOOK).isPresent());
        dlob.dropAllConnections();
        waitFor(() -> counter("connects") >= 2 && subscription() == SubscriptionState.ACKNOWLEDGED);
        String before = streams.last(BOOK).orElseThrow().id();
        market.step(400);
        waitFor(() -> !streams.last(BOOK).orElseThrow().id().equals(before));
    }

    @Test
    void aRefusedSubscriptionReadsAsNotConnectedWhileTheHttpBookCarriesOn() throws Exception {
        dlob.refuseSubscriptions(true);
        newTask();
        waitFor(() -> counter("subscribe_refused") >= 2);
        assertNotEquals(SubscriptionState.ACKNOWLEDGED, subscription());
        waitFor(() -> streams.last(BOOK).isPresent());
        assertEquals(0, counter("dlob_ws_slot_backwards") + counter("dlob_http_slot_backwards"));
        dlob.refuseSubscriptions(false);
        waitFor(() -> subscription() == SubscriptionState.ACKNOWLEDGED);
    }

    @Test
    void httpErrorsRateLimitsAndNonJsonAreCountedAndPublishNothing() throws Exception {
        dlob.refuseSubscriptions(true);
        dlob.rest().failNext(VelocityDlobSimulator.L2, 1_000, new SimRestServer.Reply(429, "{\"message\":\"slow\"}"));
        data.rest()
                .failNext(VelocityDataApiSimulator.FUNDING_RATES, 1_000, new SimRestServer.Reply(502, "bad gateway"));
        newTask();
        waitFor(() -> counter("dlob_http_rate_limited") >= 2 && counter("funding_http_error") >= 2);
        dlob.rest().failNext(VelocityDlobSimulator.L2, 1_000, new SimRestServer.Reply(200, "<html>gateway</html>"));
        waitFor(() -> counter("dlob_http_not_json") >= 2);
        assertTrue(streams.last(BOOK).isEmpty(), "a refused answer publishes nothing");
        assertTrue(streams.last(FUNDING).isEmpty(), "a refused answer publishes nothing");
        dlob.rest().clearFaults(VelocityDlobSimulator.L2);
        data.rest().clearFaults(VelocityDataApiSimulator.FUNDING_RATES);
        waitFor(() -> streams.last(BOOK).isPresent() && streams.last(FUNDING).isPresent());
    }

    @Test
    void everyOracleReadReachesRedisWithTheNodesSlot() throws Exception {
        newTaskReadingTheOracle();
        waitFor(() -> streams.last(ORACLE).isPresent());
        OracleReading first = OracleReadingCodec.INSTANCE.decode(
                streams.last(ORACLE).orElseThrow().fields());
        assertEquals("SOL-PERP", first.symbol());
        assertTrue(first.price().signum() > 0, first.toString());
        assertTrue(first.confidence().signum() >= 0, first.toString());
        assertTrue(first.ageSlots() <= 5, "the simulated Lazer feed is posted a couple of slots behind: " + first);
        // One entry per read, a stalled oracle included: the slot moves on every read.
        waitFor(() -> OracleReadingCodec.INSTANCE
                        .decode(streams.last(ORACLE).orElseThrow().fields())
                        .slot()
                > first.slot());
    }

    @Test
    void aStalledOracleReadsAsAGrowingSlotLag() throws Exception {
        solana.delayOracles(400);
        newTaskReadingTheOracle();
        waitFor(() -> streams.last(ORACLE)
                        .map(e -> OracleReadingCodec.INSTANCE.decode(e.fields()).ageSlots())
                        .orElse(0L)
                >= 400);
    }

    @Test
    void rpcErrorsAndAnUndecodableOracleAreCountedWhileTheBookCarriesOn() throws Exception {
        String oracle = ((VelocityPopulation) solana.population()).solOracle();
        solana.failNext(1_000, 503);
        newTaskReadingTheOracle();
        waitFor(() -> counter("oracle_rpc_error") >= 2 && streams.last(BOOK).isPresent());
        assertTrue(streams.last(ORACLE).isEmpty(), "a failed read publishes nothing");
        solana.failNext(0, 503);
        solana.alterAccounts((pubkey, bytes) -> pubkey.equals(oracle) ? new byte[12] : bytes);
        waitFor(() -> counter("oracle_oracle_undecodable") >= 2);
        assertTrue(streams.last(ORACLE).isEmpty(), "an undecodable oracle publishes nothing");
        solana.alterAccounts((pubkey, bytes) -> bytes);
        waitFor(() -> streams.last(ORACLE).isPresent());
    }

    @Test
    void aProgramWithoutTheMarketIsCountedAndNothingIsGuessed() throws Exception {
        solana.close();
        solana = SolanaRpcSimulator.start(SolanaRpcSimulator.population("drift-v2", 50));
        newTaskReadingTheOracle();
        waitFor(() -> counter("oracle_market_not_found") >= 2);
        assertTrue(streams.last(ORACLE).isEmpty());
    }

    void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 30 s; counters " + task.counters());
            }
            Thread.sleep(5);
        }
    }
}
