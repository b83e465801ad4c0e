package perpwatch.local.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.instrument.Venue;
import perpwatch.core.model.BarCodec;
import perpwatch.core.redis.BufferedStreamWriter;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.FeedLink;
import perpwatch.core.stream.StreamEntry;
import perpwatch.core.stream.StreamKeys;
import perpwatch.core.testing.Fixtures;
import perpwatch.core.testing.TestRedis;
import perpwatch.feeds.binance.BinanceEndpoints;
import perpwatch.feeds.binance.BinanceTradesWorker;
import perpwatch.feeds.http.RestGetter;
import perpwatch.feeds.subscription.FeedLinkReporter;
import perpwatch.feeds.ws.Backoff;
import perpwatch.feeds.ws.ReconnectPolicy;
import perpwatch.local.sim.SimRestServer;
import perpwatch.local.sim.binance.BinanceFuturesSimulator;

/**
 * The unchanged binance-trades worker against the wire-exact simulator and a real Redis, fed the recorded SUSHIUSDT
 * capture while the connection misbehaves. The bars must still equal the hand-checked values of the recording.
 */
class BinanceTradesWorkerSimulatorTest {
    static final Instrument SUSHI =
            Instrument.builder("SUSHI").on(Venue.BINANCE, "SUSHIUSDT").build();
    static final String STREAM = "sushiusdt@aggTrade";
    static final ObjectMapper JSON = new ObjectMapper();

    TestRedis redis;
    RedisStreams streams;
    BinanceFuturesSimulator sim;
    BinanceTradesWorker worker;
    /** The worker's clock: bars close by it, so the test decides when a minute is over. */
    final AtomicLong clock = new AtomicLong();
    /** What the backfill waited between REST calls: recorded, and slept only briefly so retries stay quick. */
    final List<Duration> backfillWaits = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        redis = TestRedis.start();
        streams = new RedisStreams(redis.config());
        sim = BinanceFuturesSimulator.start();
    }

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.close();
        }
        sim.close();
        streams.close();
        redis.close();
    }

    BinanceTradesWorker newWorker() {
        return newWorker(Duration.ofMillis(50));
    }

    BinanceTradesWorker newWorker(Duration reconnectDelay) {
        ReconnectPolicy policy = new ReconnectPolicy(
                new Backoff(reconnectDelay, reconnectDelay.multipliedBy(10), 0.2),
                Duration.ofSeconds(60),
                Duration.ofSeconds(30),
                Optional.empty(),
                Optional.empty(),
                Duration.ofSeconds(5));
        URI uri = new BinanceEndpoints(sim.wsBase() + "/market", sim.wsBase() + "/public", sim.restBase())
                .aggTradeStream(SUSHI);
        return new BinanceTradesWorker(
                SUSHI,
                uri,
                policy,
                streams,
                new BufferedStreamWriter(streams, 1_000, System::currentTimeMillis),
                Duration.ofSeconds(2),
                clock::get,
                new BinanceTradesWorker.Backfill(
                        sim.restBase(),
                        new RestGetter(Duration.ofSeconds(5)),
                        new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2),
                        d -> {
                            backfillWaits.add(d);
                            Thread.sleep(5);
                        }));
    }

    static List<ObjectNode> recorded() throws Exception {
        List<ObjectNode> events = new ArrayList<>();
        for (String line : Fixtures.lines("binance/aggTrade_SUSHIUSDT_combined.jsonl")) {
            events.add((ObjectNode) JSON.readTree(line).get("data"));
        }
        return events;
    }

    long handled() {
        Map<String, Long> c = worker.counters();
        return c.getOrDefault("trades", 0L) + c.getOrDefault("duplicates", 0L);
    }

    FeedLink.State linkState() {
        return FeedLinkReporter.stateOf(worker.links().get(0), System.currentTimeMillis(), Duration.ofSeconds(30));
    }

    @Test
    void aStreamNamedInTheUrlIsSubscribedOnlyOnceItsFirstDataFrameArrivesOnEachConnection() throws Exception {
        List<ObjectNode> events = recorded();
        clock.set(events.get(0).get("T").asLong());
        worker = newWorker();
        worker.start();
        waitFor(() -> sim.subscribers(STREAM) == 1);
        assertEquals(
                FeedLink.State.UNSUBSCRIBED,
                linkState(),
                "connected and answering, but nothing proves the stream flows");

        sim.publish(STREAM, events.get(0).toString());
        waitFor(() -> linkState() == FeedLink.State.SUBSCRIBED);

        sim.dropAllConnections();
        waitFor(() -> worker.counters().getOrDefault("connects", 0L) == 2 && sim.subscribers(STREAM) == 1);
        assertEquals(FeedLink.State.UNSUBSCRIBED, linkState(), "a new connection proves nothing until its first frame");
        sim.publish(STREAM, events.get(1).toString());
        waitFor(() -> linkState() == FeedLink.State.SUBSCRIBED);
    }

    @Test
    void dropsDuplicatesGapsAndGarbageStillGiveTheRightBars() throws Exception {
        List<ObjectNode> events = recorded();
        clock.set(events.get(0).get("T").asLong());
        worker = newWorker();
        worker.start();
        waitFor(() -> sim.subscribers(STREAM) == 1);

        long expected = 0;
        for (int i = 0; i < events.size(); i++) {
            ObjectNode event = events.get(i).deepCopy();
            if (i >= 30) {
                // From trade 30 on the venue's ids jump by 5: a gap to count, with no trade actually missing.
                event.put("a", event.get("a").asLong() + 5);
            }
            clock.set(event.get("T").asLong());
            sim.publish(STREAM, event.toString());
            expected++;
            if (i == 12) {
                sim.sendRaw(STREAM, "{\"e\":\"aggTrade\",\"E\":1,\"a\":");
                sim.sendRaw(STREAM, "not json at all");
                sim.sendRaw(STREAM, "{\"code\":1,\"msg\":\"Invalid value type: expected Boolean\",\"id\":7}");
            }
            if (i == 15) {
                // Mid-minute the network drops; after reconnecting, the venue repeats the last trade.
                long waitingFor = expected;
                waitFor(() -> handled() == waitingFor);
                sim.dropAllConnections();
                waitFor(() -> sim.subscribers(STREAM) == 1);
                sim.publish(STREAM, event.toString());
                expected++;
            }
            long waitingFor = expected;
            waitFor(() -> handled() == waitingFor);
            if (i == 15 || i == 30) {
                // The reconnect and the id jump are checked against REST before the next trade is sent, so which
                // trades come from REST and which from the stream does not depend on timing.
                waitFor(() -> !worker.backfillPending());
            }
        }
        clock.set(1626992820000L + 2_000);
        waitFor(() -> worker.counters().getOrDefault("bars", 0L) == 2);

        List<StreamEntry> bars = streams.range(StreamKeys.trades(SUSHI), 0, Long.MAX_VALUE, 10);
        assertEquals(2, bars.size());
        Map<String, String> first = bars.get(0).fields();
        // Hand-checked values of the recording (see MinuteBarAggregatorTest in core).
        assertEquals("7.612", first.get("open"));
        assertEquals("7.618", first.get("high"));
        assertEquals("7.61", first.get("low"));
        assertEquals("7.617", first.get("close"));
        assertEquals("1351", first.get("buy_vol"));
        assertEquals("362", first.get("sell_vol"));
        assertEquals("989", first.get("cvd"));
        assertEquals("7.614016345593", first.get("vwap"));
        assertEquals("28", first.get("trades"));
        Map<String, String> second = bars.get(1).fields();
        assertEquals("1026", second.get("cvd"));
        assertEquals("7.617863727455", second.get("vwap"));
        assertEquals("12", second.get("trades"));

        Map<String, Long> counters = worker.counters();
        assertEquals(1, counters.get("duplicates"));
        assertEquals(1, counters.get("gaps"));
        assertEquals(5, counters.get("missing_ids"));
        assertEquals(2, counters.get("malformed"));
        assertEquals(1, counters.get("venue_errors"));
        assertEquals(2, counters.get("connects"));
        assertTrue(streams.last(StreamKeys.price(SUSHI)).isPresent());
        assertEquals("true", first.get("complete"), "the jumped ids do not exist at the venue: REST said so");
        assertEquals("0", first.get("revision"));
    }

    @Test
    void aRestartContinuesCvdAndSkipsTradesAlreadyInABar() throws Exception {
        List<ObjectNode> events = recorded();
        clock.set(events.get(0).get("T").asLong());
        worker = newWorker();
        worker.start();
        waitFor(() -> sim.subscribers(STREAM) == 1);
        for (int i = 0; i < 28; i++) {
            sim.publish(STREAM, events.get(i).toString());
        }
        waitFor(() -> handled() == 28);
        clock.set(1626992760000L + 2_000);
        waitFor(() -> worker.counters().getOrDefault("bars", 0L) == 1);
        worker.close();

        worker = newWorker();
        worker.start();
        waitFor(() -> sim.subscribers(STREAM) == 1);
        waitFor(() -> !worker.backfillPending());
        // The venue's stream resumes with two trades the first worker already put in its bar.
        for (int i = 26; i < events.size(); i++) {
            sim.publish(STREAM, events.get(i).toString());
        }
        waitFor(() -> handled() == events.size() - 26);
        assertEquals(2, worker.counters().get("duplicates"));
        clock.set(1626992820000L + 2_000);
        waitFor(() -> worker.counters().getOrDefault("bars", 0L) == 1);

        List<StreamEntry> bars = streams.range(StreamKeys.trades(SUSHI), 0, Long.MAX_VALUE, 10);
        assertEquals(2, bars.size());
        assertEquals(
                "1026", BarCodec.INSTANCE.decode(bars.get(1).fields()).cvd().toPlainString());
        assertEquals("12", bars.get(1).field("trades"));
    }

    static final long MINUTE_0 = 1626992700000L;
    static final long MINUTE_1 = 1626992760000L;

    /** Bars of the stream, by minute, highest revision of each. */
    Map<Long, Map<String, String>> latestBars() {
        Map<Long, Map<String, String>> out = new java.util.TreeMap<>();
        for (StreamEntry e : streams.range(StreamKeys.trades(SUSHI), 0, Long.MAX_VALUE, 100)) {
            out.merge(
                    Long.parseLong(e.field("ts")),
                    e.fields(),
                    (a, b) -> Integer.parseInt(b.get("revision")) >= Integer.parseInt(a.get("revision")) ? b : a);
        }
        return out;
    }

    static void assertFirstMinuteExact(Map<String, String> bar) {
        // The hand-checked values of the recording's first minute (MinuteBarAggregatorTest).
        assertEquals("7.612", bar.get("open"));
        assertEquals("7.618", bar.get("high"));
        assertEquals("7.61", bar.get("low"));
        assertEquals("7.617", bar.get("close"));
        assertEquals("1351", bar.get("buy_vol"));
        assertEquals("362", bar.get("sell_vol"));
        assertEquals("989", bar.get("cvd"));
        assertEquals("7.614016345593", bar.get("vwap"));
        assertEquals("28", bar.get("trades"));
        assertEquals("true", bar.get("complete"));
        assertEquals("0", bar.get("missing_trades"));
    }

    @Test
    void tradesPublishedWhileTheSocketIsDownAreFetchedFromRestAndTheBarHasEveryTrade() throws Exception {
        List<ObjectNode> events = recorded();
        clock.set(events.get(0).get("T").asLong());
        // A slow reconnect, so the trades below are published while no connection is up.
        worker = newWorker(Duration.ofSeconds(2));
        worker.start();
        waitFor(() -> sim.subscribers(STREAM) == 1);
        for (int i = 0; i < 10; i++) {
            sim.publish(STREAM, events.get(i).toString());
        }
        waitFor(() -> handled() == 10);
        sim.dropAllConnections();
        waitFor(() -> sim.subscribers(STREAM) == 0);
        for (int i = 10; i < 20; i++) {
            sim.publish(STREAM, events.get(i).toString());
        }
        waitFor(() -> sim.subscribers(STREAM) == 1);
        for (int i = 20; i < events.size(); i++) {
            sim.publish(STREAM, events.get(i).toString());
        }
        // Every trade the stream carries (0-9 on the first connection, 20-39 on the second) must be in before the
        // clock jumps past the minute: REST can answer before the last of them arrive, and a trade that arrives after
        // its minute closed is a revision, not part of the bar read below.
        long streamed = 10 + (events.size() - 20);
        waitFor(() ->
                handled() == streamed && worker.counters().getOrDefault("bars", 0L) >= 1 && !worker.backfillPending());
        clock.set(MINUTE_1 + 60_000 + 2_000);
        waitFor(() -> latestBars().size() == 2);

        Map<Long, Map<String, String>> bars = latestBars();
        assertFirstMinuteExact(bars.get(MINUTE_0));
        assertEquals("1026", bars.get(MINUTE_1).get("cvd"));
        assertEquals("12", bars.get(MINUTE_1).get("trades"));
        assertEquals("true", bars.get(MINUTE_1).get("complete"));
        assertTrue(
                worker.counters().getOrDefault("backfilled", 0L) >= 10,
                worker.counters().toString());
    }

    @Test
    void aRateLimitedBackfillWaitsWhatRetryAfterSays() throws Exception {
        List<ObjectNode> events = recorded();
        clock.set(events.get(0).get("T").asLong());
        worker = newWorker();
        worker.start();
        waitFor(() -> sim.subscribers(STREAM) == 1);
        waitFor(() -> !worker.backfillPending());
        sim.rest()
                .failNext(
                        "/fapi/v1/aggTrades",
                        1,
                        new SimRestServer.Reply(
                                429,
                                "{\"code\":-1003,\"msg\":\"Too many requests; current limit of IP is 2400 requests "
                                        + "per minute.\"}",
                                Map.of("Retry-After", "7")));
        for (int i = 0; i < events.size(); i++) {
            if (i >= 5 && i < 8) {
                sim.tape().record(events.get(i).toString()); // the venue has them; the stream lost them
            } else {
                sim.publish(STREAM, events.get(i).toString());
            }
        }
        waitFor(() -> worker.counters().getOrDefault("backfilled", 0L) == 3);
        assertEquals(List.of(Duration.ofSeconds(7)), backfillWaits);
        assertEquals(1, worker.counters().get("backfill_rate_limited"));
        waitFor(() -> latestBars().containsKey(MINUTE_0));
        assertFirstMinuteExact(latestBars().get(MINUTE_0));
    }

    @Test
    void aGapRestCannotFillIsPublishedIncompleteThenRevisedWhenRestIsBack() throws Exception {
        List<ObjectNode> events = recorded();
        clock.set(events.get(0).get("T").asLong());
        worker = newWorker();
        worker.start();
        waitFor(() -> sim.subscribers(STREAM) == 1);
        waitFor(() -> !worker.backfillPending());
        sim.rest()
                .failNext(
                        "/fapi/v1/aggTrades",
                        Integer.MAX_VALUE,
                        new SimRestServer.Reply(503, "<html>Service Unavailable</html>"));
        for (int i = 0; i < 28; i++) {
            if (i >= 5 && i < 8) {
                sim.tape().record(events.get(i).toString());
            } else {
                sim.publish(STREAM, events.get(i).toString());
            }
        }
        waitFor(() -> handled() == 25);
        clock.set(MINUTE_0 + 60_000 + 2_000);
        waitFor(() -> latestBars().containsKey(MINUTE_0));
        Map<String, String> incomplete = latestBars().get(MINUTE_0);
        assertEquals("false", incomplete.get("complete"));
        assertEquals("3", incomplete.get("missing_trades"));
        assertEquals("25", incomplete.get("trades"));
        assertEquals("0", incomplete.get("revision"));

        sim.rest().clearFaults("/fapi/v1/aggTrades");
        waitFor(() -> "1".equals(latestBars().get(MINUTE_0).get("revision")));
        assertFirstMinuteExact(latestBars().get(MINUTE_0));
        assertEquals(1, worker.counters().get("revisions"));
        assertEquals(1, worker.counters().get("incomplete_bars"));
    }

    @Test
    void aRestartRebuildsTheBarInProgressFromRest() throws Exception {
        List<ObjectNode> events = recorded();
        clock.set(events.get(0).get("T").asLong());
        worker = newWorker();
        worker.start();
        waitFor(() -> sim.subscribers(STREAM) == 1);
        for (int i = 0; i < 34; i++) {
            sim.publish(STREAM, events.get(i).toString());
        }
        waitFor(() -> handled() == 34 && worker.counters().getOrDefault("bars", 0L) == 1);
        worker.close(); // six trades of the second minute are only in memory: gone with the process
        waitFor(() -> sim.subscribers(STREAM) == 0);
        for (int i = 34; i < events.size(); i++) {
            sim.publish(STREAM, events.get(i).toString()); // and six more trade while nothing runs
        }

        worker = newWorker();
        worker.start();
        waitFor(() -> worker.counters().getOrDefault("backfilled", 0L) == 12 && !worker.backfillPending());
        clock.set(MINUTE_1 + 60_000 + 2_000);
        waitFor(() -> worker.counters().getOrDefault("bars", 0L) == 1);
        Map<String, String> rebuilt = latestBars().get(MINUTE_1);
        assertEquals("12", rebuilt.get("trades"));
        assertEquals("1026", rebuilt.get("cvd"));
        assertEquals("7.617863727455", rebuilt.get("vwap"));
        assertEquals("7.618", rebuilt.get("open"));
        assertEquals("true", rebuilt.get("complete"));
    }

    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(5);
        }
    }
}
