package perpwatch.local.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.redis.BufferedStreamWriter;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.Fields;
import perpwatch.core.stream.StreamEntry;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.stream.StreamKeys;
import perpwatch.core.testing.TestRedis;
import perpwatch.feeds.binance.BinanceEndpoints;
import perpwatch.feeds.binance.book.BinanceBookWorker;
import perpwatch.feeds.binance.book.BookSettings;
import perpwatch.feeds.binance.book.DepthSnapshotClient;
import perpwatch.feeds.ws.Backoff;
import perpwatch.feeds.ws.ReconnectPolicy;
import perpwatch.local.sim.SimRestServer;
import perpwatch.local.sim.binance.BinanceFuturesSimulator;
import perpwatch.local.sim.binance.BinanceWire;
import perpwatch.local.sim.binance.SimOrderBook;

/**
 * The binance-book worker against the wire-exact simulator and a real Redis. The simulator's own book (a TreeMap of
 * BigDecimals) is the truth: every diff sent is recorded with the top and depth it leads to, computed here
 * independently, and every entry the worker writes must equal the truth for the diff its {@code ts} names.
 */
class BinanceBookWorkerSimulatorTest {
    static final Instrument SOL = Instrument.sol();
    static final String STREAM = BinanceWire.depthStreamName("SOLUSDT");
    static final BigDecimal TICK = new BigDecimal("0.01");

    TestRedis redis;
    RedisStreams streams;
    BinanceFuturesSimulator sim;
    SimOrderBook venueBook;
    BinanceBookWorker worker;
    final Random random = new Random(7);
    /** Truth per diff, keyed by the diff's transaction time T (what the worker writes as ts). */
    final Map<Long, Map<String, String>> truth = new HashMap<>();

    long eventTime = 1_700_000_000_000L;
    long lastT;

    @BeforeEach
    void start() throws Exception {
        redis = TestRedis.start();
        streams = new RedisStreams(redis.config());
        sim = BinanceFuturesSimulator.start();
        venueBook = new SimOrderBook("SOLUSDT", 5_000_000_000L);
        Map<BigDecimal, BigDecimal> bids = new LinkedHashMap<>();
        Map<BigDecimal, BigDecimal> asks = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            bids.put(new BigDecimal("149.99").subtract(TICK.multiply(BigDecimal.valueOf(i))), qty());
            asks.put(new BigDecimal("150.01").add(TICK.multiply(BigDecimal.valueOf(i))), qty());
        }
        venueBook.seed(bids, asks);
        sim.depthSnapshots(
                symbol -> symbol.equals("SOLUSDT") ? venueBook.snapshot(1000, System.currentTimeMillis()) : null);
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

    BinanceBookWorker newWorker() {
        // A short silence limit: under a reconnect storm the loopback simulator now and then leaves a half-open
        // connection (the client holds it open, the server has forgotten it); the watchdog is what ends those, as
        // it would on the real network.
        ReconnectPolicy policy = new ReconnectPolicy(
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(500), 0.2),
                Duration.ofSeconds(60),
                Duration.ofSeconds(3),
                Optional.empty(),
                Optional.empty(),
                Duration.ofSeconds(5));
        BinanceEndpoints endpoints =
                new BinanceEndpoints(sim.wsBase() + "/market", sim.wsBase() + "/public", sim.restBase());
        BookSettings settings = new BookSettings(
                1_000,
                5_000,
                10,
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(500), 0.2),
                Duration.ofMillis(20),
                Duration.ofMillis(20),
                Duration.ofSeconds(1),
                Duration.ofSeconds(5));
        return new BinanceBookWorker(
                SOL,
                endpoints.depthStream(SOL),
                new DepthSnapshotClient(endpoints.depthSnapshot(SOL), Duration.ofSeconds(5)),
                policy,
                settings,
                new BufferedStreamWriter(streams, 1_000, System::currentTimeMillis),
                System::currentTimeMillis);
    }

    BigDecimal qty() {
        return BigDecimal.valueOf(1 + random.nextInt(5000), 2);
    }

    /** A random diff near the top (sizes change, levels vanish and return); the book never crosses. */
    String nextDiff() {
        Map<BigDecimal, BigDecimal> bids = new LinkedHashMap<>();
        Map<BigDecimal, BigDecimal> asks = new LinkedHashMap<>();
        for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
            BigDecimal offset = TICK.multiply(BigDecimal.valueOf(random.nextInt(40)));
            BigDecimal size = random.nextInt(4) == 0 ? BigDecimal.ZERO : qty();
            if (random.nextBoolean()) {
                bids.put(new BigDecimal("149.99").subtract(offset), size);
            } else {
                asks.put(new BigDecimal("150.01").add(offset), size);
            }
        }
        eventTime += 100;
        String payload;
        synchronized (venueBook) {
            payload = venueBook.apply(bids, asks, 1 + random.nextInt(20), eventTime);
            lastT = eventTime - 2;
            truth.put(lastT, expectedEntry(venueBook.side(true), venueBook.side(false)));
        }
        return payload;
    }

    void publishDiffs(int n) {
        for (int i = 0; i < n; i++) {
            sim.publish(STREAM, nextDiff());
        }
    }

    /** The entry the worker should write for this book, computed the slow, obvious way. */
    static Map<String, String> expectedEntry(
            NavigableMap<BigDecimal, BigDecimal> bids, NavigableMap<BigDecimal, BigDecimal> asks) {
        BigDecimal bid = bids.firstKey();
        BigDecimal ask = asks.firstKey();
        BigDecimal mid = bid.add(ask).divide(BigDecimal.valueOf(2));
        BigDecimal low = mid.multiply(new BigDecimal("0.999"));
        BigDecimal high = mid.multiply(new BigDecimal("1.001"));
        Map<String, String> f = new TreeMap<>();
        f.put("bid_px", Fields.decimal(bid));
        f.put("bid_qty", Fields.decimal(bids.get(bid)));
        f.put("ask_px", Fields.decimal(ask));
        f.put("ask_qty", Fields.decimal(asks.get(ask)));
        f.put(
                "spread_bps",
                ask.subtract(bid)
                        .divide(mid, 12, RoundingMode.HALF_EVEN)
                        .movePointRight(4)
                        .toPlainString());
        f.put(
                "depth_bid_usd",
                Fields.decimal(bids.headMap(low, true).entrySet().stream()
                        .map(e -> e.getKey().multiply(e.getValue()))
                        .reduce(BigDecimal.ZERO, BigDecimal::add)));
        f.put(
                "depth_ask_usd",
                Fields.decimal(asks.headMap(high, true).entrySet().stream()
                        .map(e -> e.getKey().multiply(e.getValue()))
                        .reduce(BigDecimal.ZERO, BigDecimal::add)));
        return f;
    }

    /** Every entry written so far matches the truth of the diff it names; returns how many were checked. */
    int assertEveryEntryIsTrue() {
        List<StreamEntry> entries = streams.range(StreamKeys.book(SOL), 0, Long.MAX_VALUE, 100_000);
        for (StreamEntry entry : entries) {
            Map<String, String> expected = truth.get(Long.parseLong(entry.field("ts")));
            assertNotNull(expected, "entry " + entry + " names no diff we sent");
            for (String field : List.of("bid_px", "bid_qty", "ask_px", "ask_qty", "depth_bid_usd", "depth_ask_usd")) {
                assertEquals(expected.get(field), entry.field(field), field + " of " + entry);
            }
            BigDecimal spread = new BigDecimal(entry.field("spread_bps"));
            assertTrue(
                    spread.subtract(new BigDecimal(expected.get("spread_bps")))
                                    .abs()
                                    .compareTo(new BigDecimal("0.00005"))
                            <= 0,
                    "spread of " + entry + " vs " + expected.get("spread_bps"));
            assertTrue(spread.signum() > 0, "never crossed or locked");
            assertTrue(Long.parseLong(entry.field("recv_ts")) > 0);
        }
        return entries.size();
    }

    /** Waits until the worker has published the book as of the last diff sent. */
    void awaitLatestPublished() throws InterruptedException {
        StreamKey key = StreamKeys.book(SOL);
        long expectedTs = lastT;
        waitFor(() -> streams.last(key)
                .map(e -> Long.parseLong(e.field("ts")) == expectedTs)
                .orElse(false));
    }

    long counter(String name) {
        return worker.counters().getOrDefault(name, 0L);
    }

    @Test
    void theStreamCarriesTheVenueBookAndSurvivesAReconnectStormAndGarbage() throws Exception {
        worker = newWorker();
        worker.start();
        waitFor(() -> sim.subscribers(STREAM) == 1);
        publishDiffs(30);
        awaitLatestPublished();
        assertEquals(1, counter("in_sync"));
        assertEquals(0, counter("resyncs"));

        sim.sendRaw(STREAM, "{\"e\":\"depthUpdate\",\"E\":1,\"U\":");
        sim.sendRaw(STREAM, "not json at all");
        sim.sendRaw(STREAM, "{\"code\":2,\"msg\":\"Invalid request: unknown variant\",\"id\":3}");
        publishDiffs(20);
        awaitLatestPublished();
        assertEquals(2, counter("malformed"));
        assertEquals(1, counter("venue_errors"));
        assertEquals(0, counter("resyncs"), "skipped garbage must not cost the book");

        for (int storm = 0; storm < 20; storm++) {
            long connects = counter("connects");
            sim.dropAllConnections();
            // Diffs sent while the worker is away are lost to it, as on the real network.
            publishDiffs(2);
            try {
                waitFor(() -> counter("connects") > connects && sim.subscribers(STREAM) == 1);
            } catch (AssertionError e) {
                throw new AssertionError(
                        "storm " + storm + ": subscribers=" + sim.subscribers(STREAM) + " " + worker.counters(), e);
            }
            publishDiffs(3 + random.nextInt(5));
            Thread.sleep(random.nextInt(50));
        }
        publishDiffs(10);
        awaitLatestPublished();
        assertTrue(counter("connects") >= 21, worker.counters().toString());
        assertTrue(counter("full_resyncs") >= 20, worker.counters().toString());
        assertTrue(counter("snapshots_loaded") >= 2, worker.counters().toString());
        assertEquals(0, counter("crossed_books"));
        int checked = assertEveryEntryIsTrue();
        assertTrue(checked >= 3, "entries checked: " + checked);
    }

    @Test
    void gapsResyncWithoutReconnectingAndSnapshotErrorsAreRetried() throws Exception {
        SimRestServer rest = sim.rest();
        rest.failNext(
                "/fapi/v1/depth", 2, new SimRestServer.Reply(429, "{\"code\":-1003,\"msg\":\"Too many requests.\"}"));
        worker = newWorker();
        worker.start();
        waitFor(() -> sim.subscribers(STREAM) == 1);
        publishDiffs(5);
        waitFor(() -> counter("in_sync") == 1);
        publishDiffs(5);
        awaitLatestPublished();
        assertEquals(2, counter("snapshot_rate_limited"));

        List<SimRestServer.Reply> faults = List.of(
                new SimRestServer.Reply(418, "{\"code\":-1003,\"msg\":\"Way too many requests; IP banned.\"}"),
                new SimRestServer.Reply(503, "Service Unavailable"),
                new SimRestServer.Reply(200, "<html>maintenance</html>"));
        long failures = counter("snapshot_failures");
        for (int i = 0; i < faults.size(); i++) {
            rest.failNext("/fapi/v1/depth", 1, faults.get(i));
            // One diff the worker never sees: the next one's pu no longer chains.
            synchronized (venueBook) {
                nextDiff();
            }
            publishDiffs(3);
            long expectedResyncs = i + 1;
            waitFor(() -> counter("pu_gaps") == expectedResyncs);
            waitFor(() -> counter("in_sync") == 1);
            publishDiffs(3);
            awaitLatestPublished();
        }
        assertEquals(3, counter("resyncs"));
        assertEquals(failures + 3, counter("snapshot_failures"));
        assertEquals(1, counter("connects"), "a gap resyncs over the same connection");
        assertEveryEntryIsTrue();
    }

    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(5);
        }
    }
}
