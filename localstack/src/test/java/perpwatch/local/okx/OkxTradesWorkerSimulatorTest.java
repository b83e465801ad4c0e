package perpwatch.local.okx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import perpwatch.core.config.Env;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.model.LastTrade;
import perpwatch.core.model.LastTradeCodec;
import perpwatch.core.redis.BufferedStreamWriter;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.FeedLink;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.stream.StreamKeys;
import perpwatch.core.testing.TestRedis;
import perpwatch.feeds.okx.OkxContractSpecs;
import perpwatch.feeds.okx.OkxEndpoints;
import perpwatch.feeds.okx.OkxInstrumentsClient;
import perpwatch.feeds.okx.OkxTradesWorker;
import perpwatch.feeds.subscription.FeedLinkReporter;
import perpwatch.feeds.subscription.SubscriptionState;
import perpwatch.feeds.subscription.WatchedLink;
import perpwatch.feeds.ws.ReconnectPolicy;
import perpwatch.local.sim.okx.OkxSimulator;
import perpwatch.local.sim.okx.OkxWire;
import perpwatch.local.testing.Await;

/** okx-usdc against the OKX simulator and a real Redis, on a clock the test moves. */
class OkxTradesWorkerSimulatorTest {
    static final Instrument SOL = Instrument.sol();
    static final ObjectMapper JSON = new ObjectMapper();
    static final long T0 = 1_764_000_000_000L;

    TestRedis redis;
    RedisStreams streams;
    OkxSimulator okx;
    OkxTradesWorker worker;
    final AtomicLong clock = new AtomicLong(T0);

    @BeforeEach
    void start() throws Exception {
        redis = TestRedis.start();
        streams = new RedisStreams(redis.config());
        okx = OkxSimulator.start();
        okx.instrument((ObjectNode) JSON.readTree(OkxWire.linearSwap("SOL-USDT-SWAP", "1", "USDT")));
        okx.instrument((ObjectNode) JSON.readTree(OkxWire.linearSwap("SOL-USDC-SWAP", "0.1", "USDC")));
        OkxEndpoints endpoints = OkxEndpoints.fromEnv(Env.of(
                java.util.Map.of("PERPWATCH_OKX_PUBLIC_WS", okx.publicWsUrl(), "PERPWATCH_OKX_REST", okx.restBase())));
        OkxContractSpecs specs = new OkxContractSpecs(
                new OkxInstrumentsClient(endpoints, java.time.Duration.ofSeconds(5)),
                List.of("SOL-USDT-SWAP", "SOL-USDC-SWAP"));
        worker = new OkxTradesWorker(
                SOL,
                endpoints.publicWs(),
                ReconnectPolicy.fromEnv(Env.of(java.util.Map.of(
                        "PERPWATCH_WS_BACKOFF_INITIAL",
                        "20ms",
                        "PERPWATCH_WS_BACKOFF_MAX",
                        "200ms",
                        "PERPWATCH_WS_SILENCE",
                        "3s"))),
                specs,
                new BufferedStreamWriter(streams, 1000, clock::get),
                clock::get);
        worker.start();
        Await.until(
                "both swaps subscribed",
                () -> okx.subscribers("trades", "SOL-USDT-SWAP") == 1
                        && okx.subscribers("trades", "SOL-USDC-SWAP") == 1);
        // And the worker has read both acks: an error frame sent before them would be a refusal, not a venue error.
        Await.until("both acks read", () -> subscription() == SubscriptionState.ACKNOWLEDGED);
    }

    SubscriptionState subscription() {
        return worker.links().get(0).subscription().state();
    }

    @AfterEach
    void stop() {
        worker.close();
        okx.close();
        streams.close();
        redis.close();
    }

    List<LastTrade> stored(StreamKey key) {
        return streams.range(key, 0, Long.MAX_VALUE, 1000).stream()
                .map(e -> LastTradeCodec.INSTANCE.decode(e.fields()))
                .toList();
    }

    void trade(String instId, long id, String px, String contracts, String side, long ts) {
        okx.publishTrades(
                instId,
                "[" + OkxWire.tradeRow(instId, id, new BigDecimal(px), new BigDecimal(contracts), side, ts) + "]");
    }

    @Test
    void theLastTradeOfEachSecondIsPublishedPerSwapInSol() throws Exception {
        trade("SOL-USDC-SWAP", 1, "150.10", "25", "buy", T0 + 1);
        Await.until(
                "first USDC trade published at once",
                () -> stored(StreamKeys.usdcTrades(SOL)).size() == 1);
        trade("SOL-USDC-SWAP", 2, "150.20", "5", "sell", T0 + 300);
        trade("SOL-USDC-SWAP", 3, "150.30", "7", "buy", T0 + 600);
        trade("SOL-USDT-SWAP", 9, "150.00", "3", "sell", T0 + 650);
        Await.until("trades seen", () -> worker.counters().getOrDefault("trades", 0L) == 4);
        clock.set(T0 + 1_000);
        Await.until(
                "the second's last USDC trade released",
                () -> stored(StreamKeys.usdcTrades(SOL)).size() == 2);

        assertEquals(
                List.of(
                        new LastTrade(
                                "SOL-USDC-SWAP",
                                new BigDecimal("150.1"),
                                "buy",
                                new BigDecimal("2.5"),
                                T0 + 1,
                                stored(StreamKeys.usdcTrades(SOL)).get(0).recvTime()),
                        new LastTrade(
                                "SOL-USDC-SWAP",
                                new BigDecimal("150.3"),
                                "buy",
                                new BigDecimal("0.7"),
                                T0 + 600,
                                stored(StreamKeys.usdcTrades(SOL)).get(1).recvTime())),
                stored(StreamKeys.usdcTrades(SOL)),
                "25 and 7 contracts of 0.1 SOL; trade 2 superseded within its second");
        List<LastTrade> usdt = stored(StreamKeys.okxUsdtTrades(SOL));
        assertEquals(1, usdt.size());
        assertEquals(0, new BigDecimal("3").compareTo(usdt.get(0).size()));
    }

    @Test
    void aRefusedSubscriptionIsNotLiveUntilTheVenueAcceptsItOnANewConnection() throws Exception {
        okx.refuseSubscriptions(true);
        okx.dropAllConnections();
        Await.until("refused after the reconnect", () -> worker.counters().getOrDefault("subscribe_refused", 0L) >= 1);
        WatchedLink link = worker.links().get(0);
        Await.until(
                "the link reads as refused",
                () -> FeedLinkReporter.stateOf(link, System.currentTimeMillis(), Duration.ofSeconds(3))
                        == FeedLink.State.REFUSED);
        assertEquals(new FeedLink("okx-usdc", "okx"), link.link());

        okx.refuseSubscriptions(false);
        // The worker dropped the refused connection itself; the loop resubscribes after its backoff.
        Await.until(
                "subscribed again",
                () -> FeedLinkReporter.stateOf(link, System.currentTimeMillis(), Duration.ofSeconds(3))
                        == FeedLink.State.SUBSCRIBED);
        trade("SOL-USDT-SWAP", 1, "150", "1", "buy", T0);
        Await.until(
                "trades flow again", () -> stored(StreamKeys.okxUsdtTrades(SOL)).size() == 1);
    }

    @Test
    void garbageAndErrorFramesAreCountedAndTradesKeepFlowing() throws Exception {
        okx.sendRawToAll("{\"arg\":{\"channel\":\"trades\",\"instId\":\"SOL-USDC-SWAP\"},\"data\":\"nope\"}");
        okx.sendRawToAll("{\"event\":\"error\",\"code\":\"60012\",\"msg\":\"Invalid request\",\"connId\":\"x\"}");
        trade("SOL-USDT-SWAP", 1, "150", "1", "buy", T0);
        Await.until(
                "trade after garbage stored",
                () -> stored(StreamKeys.okxUsdtTrades(SOL)).size() == 1);
        assertEquals(1, worker.counters().get("malformed"));
        assertEquals(1, worker.counters().get("venue_errors"));
    }

    @Test
    void aBadRowIsCountedAndSkippedAndTheGoodRowsOfItsFrameArePublished() throws Exception {
        // OKX may batch rows in one push; a broken USDT row must not take the USDC trade beside it down with it.
        okx.publishTrades(
                "SOL-USDC-SWAP",
                "["
                        + "{\"instId\":\"SOL-USDT-SWAP\",\"tradeId\":\"7\",\"px\":\"abc\",\"sz\":\"1\","
                        + "\"side\":\"buy\",\"ts\":\""
                        + T0 + "\"},"
                        + OkxWire.tradeRow(
                                "SOL-USDC-SWAP", 8, new BigDecimal("150.5"), new BigDecimal("10"), "sell", T0 + 1)
                        + ","
                        + "{\"instId\":\"SOL-USDC-SWAP\",\"tradeId\":\"9\",\"px\":\"150\",\"sz\":\"1\","
                        + "\"side\":\"long\",\"ts\":\""
                        + T0 + "\"}]");
        Await.until(
                "the good USDC trade published",
                () -> stored(StreamKeys.usdcTrades(SOL)).size() == 1);
        LastTrade usdc = stored(StreamKeys.usdcTrades(SOL)).get(0);
        assertEquals(T0 + 1, usdc.ts());
        assertEquals(0, new BigDecimal("1").compareTo(usdc.size()), "10 contracts of 0.1 SOL");
        assertEquals(2, worker.counters().get("bad_rows"));
        assertEquals(0, worker.counters().getOrDefault("malformed", 0L));
        assertEquals(List.of(), stored(StreamKeys.okxUsdtTrades(SOL)), "the bad USDT row wrote nothing");
    }

    @Test
    void aReconnectStormLeavesOneLastTradePerSecondInOrder() throws Exception {
        for (int i = 0; i < 20; i++) {
            long connects = worker.counters().getOrDefault("connects", 0L);
            do {
                okx.dropAllConnections();
            } while (!Await.within(
                    java.time.Duration.ofSeconds(3), () -> worker.counters().getOrDefault("connects", 0L) > connects));
            Await.until("resubscribed " + i, () -> okx.subscribers("trades", "SOL-USDT-SWAP") >= 1);
            long second = T0 + (i + 1) * 1_000L;
            clock.set(second);
            int expected = i + 1;
            // Resend until delivered: a push into a connection the simulator is still tearing down is lost, as on the
            // venue.
            do {
                trade("SOL-USDT-SWAP", 100 + i, "150." + i, "1", "buy", second);
            } while (!Await.within(
                    java.time.Duration.ofSeconds(2),
                    () -> stored(StreamKeys.okxUsdtTrades(SOL)).size() >= expected));
        }
        List<LastTrade> usdt = stored(StreamKeys.okxUsdtTrades(SOL));
        assertEquals(20, usdt.size(), "one per second, none repeated");
        for (int i = 0; i < 20; i++) {
            assertEquals(T0 + (i + 1) * 1_000L, usdt.get(i).ts());
        }
    }
}
