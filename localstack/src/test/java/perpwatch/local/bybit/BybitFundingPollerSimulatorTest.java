package perpwatch.local.bybit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import perpwatch.core.config.Env;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.model.FundingSnapshot;
import perpwatch.core.model.FundingSnapshotCodec;
import perpwatch.core.model.SettledFunding;
import perpwatch.core.model.SettledFundingCodec;
import perpwatch.core.redis.BufferedStreamWriter;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamKeys;
import perpwatch.core.testing.Fixtures;
import perpwatch.core.testing.TestRedis;
import perpwatch.feeds.bybit.BybitEndpoints;
import perpwatch.feeds.bybit.BybitFundingPoller;
import perpwatch.feeds.bybit.BybitMarketRestClient;
import perpwatch.feeds.ws.Backoff;
import perpwatch.local.sim.SimRestServer;
import perpwatch.local.sim.bybit.BybitSimulator;
import perpwatch.local.sim.bybit.BybitWire;

/** bybit-funding against the Bybit REST simulator (answering with recorded bodies) and a real Redis. */
class BybitFundingPollerSimulatorTest {
    static final Instrument SOL = Instrument.sol();
    static final ObjectMapper JSON = new ObjectMapper();
    static final long NOW = 1_764_000_000_000L;

    TestRedis redis;
    RedisStreams streams;
    BybitSimulator bybit;
    BybitFundingPoller poller;
    final AtomicReference<String> tickers = new AtomicReference<>();
    final AtomicReference<String> instruments = new AtomicReference<>();

    /** The {@code result} object of a recorded answer; the simulator wraps it in a fresh envelope. */
    static String recordedResult(String fixture) throws Exception {
        return JSON.readTree(Fixtures.text(fixture)).get("result").toString();
    }

    @BeforeEach
    void start() throws Exception {
        redis = TestRedis.start();
        streams = new RedisStreams(redis.config());
        bybit = BybitSimulator.start();
        bybit.result(BybitSimulator.OPEN_INTEREST, q -> {
            try {
                return recordedResult("bybit/open_interest_ETHUSDT_linear_3rdparty_capture.json");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        tickers.set(recordedResult("bybit/tickers_doc_example_inverse.json"));
        instruments.set(recordedResult("bybit/instruments_info_linear_BTCUSDT_3rdparty_capture.json"));
        bybit.result(BybitSimulator.TICKERS, q -> tickers.get());
        bybit.result(BybitSimulator.INSTRUMENTS_INFO, q -> instruments.get());
        BybitEndpoints endpoints = BybitEndpoints.fromEnv(Env.of(Map.of("PERPWATCH_BYBIT_REST", bybit.restBase())));
        this.endpoints = endpoints;
        poller = newPoller();
    }

    BybitEndpoints endpoints;
    final AtomicLong clock = new AtomicLong(NOW);
    final AtomicReference<List<BybitWire.SettledPrint>> history = new AtomicReference<>(List.of());
    final AtomicInteger historyCalls = new AtomicInteger();

    BybitFundingPoller newPoller() {
        bybit.result(BybitSimulator.FUNDING_HISTORY, q -> {
            historyCalls.incrementAndGet();
            return BybitWire.fundingHistoryResult("SOLUSDT", history.get(), Integer.parseInt(q.get("limit")));
        });
        return new BybitFundingPoller(
                SOL,
                new BybitMarketRestClient(endpoints, Duration.ofSeconds(5)),
                new BufferedStreamWriter(streams, 100, clock::get),
                streams,
                Duration.ofMinutes(1),
                3,
                new Backoff(Duration.ofMillis(5), Duration.ofMillis(20), 0),
                clock::get);
    }

    List<SettledFunding> settled() {
        return streams.range(StreamKeys.fundingSettled(SOL), 0, Long.MAX_VALUE, 100).stream()
                .map(e -> SettledFundingCodec.INSTANCE.decode(e.fields()))
                .toList();
    }

    static BybitWire.SettledPrint print(String rate, long ts) {
        return new BybitWire.SettledPrint(new BigDecimal(rate), ts);
    }

    @Test
    void settledPrintsAreReadAtStartAndAfterEachSettlementOncePerSettlementTime() throws Exception {
        long hour = 3_600_000L;
        long next = NOW + hour;
        tickers.set(BybitWire.tickersResult(
                "SOLUSDT", new BigDecimal("150"), new BigDecimal("0.0002"), next, BigDecimal.TEN));
        history.set(
                List.of(print("0.0001", NOW - 7 * hour), print("-0.00005", NOW - 15 * hour))); // newest first, as Bybit
        assertTrue(poller.pollOnce());
        assertEquals(
                List.of(NOW - 15 * hour, NOW - 7 * hour),
                settled().stream().map(SettledFunding::ts).toList(),
                "oldest first");
        assertEquals(
                new SettledFunding(
                        "SOLUSDT",
                        new BigDecimal("-0.00005"),
                        new BigDecimal("-0.00005"),
                        8,
                        new BigDecimal("-5.475"),
                        NOW - 15 * hour,
                        NOW),
                settled().get(0));
        assertEquals(1, historyCalls.get());

        assertTrue(poller.pollOnce());
        assertEquals(1, historyCalls.get(), "no settlement since: not asked again");

        clock.set(next + 1_000); // settled, but Bybit has not listed the print yet: asked again each poll
        assertTrue(poller.pollOnce());
        assertTrue(poller.pollOnce());
        assertEquals(3, historyCalls.get());
        assertEquals(2, settled().size());

        tickers.set(BybitWire.tickersResult(
                "SOLUSDT", new BigDecimal("150"), new BigDecimal("0.0002"), next + 8 * hour, BigDecimal.TEN));
        history.set(
                List.of(print("0.0002", next), print("0.0001", NOW - 7 * hour), print("-0.00005", NOW - 15 * hour)));
        assertTrue(poller.pollOnce());
        assertEquals(
                List.of(NOW - 15 * hour, NOW - 7 * hour, next),
                settled().stream().map(SettledFunding::ts).toList(),
                "only the new print added");
        assertTrue(poller.pollOnce());
        assertEquals(4, historyCalls.get(), "listed: quiet until the next settlement");

        // A restarted task reads the newest stored print back and repeats none.
        poller.close();
        poller = newPoller();
        assertTrue(poller.pollOnce());
        assertEquals(3, settled().size());
        assertEquals(0, poller.counters().getOrDefault("settled_prints", 0L));
    }

    @Test
    void aRecordedFundingHistoryAnswerIsReadOldestFirst() throws Exception {
        bybit.symbols(java.util.Set.of("SOLUSDT", "BTCUSDT"));
        bybit.result(BybitSimulator.FUNDING_HISTORY, q -> {
            try {
                return recordedResult("bybit/funding_history_BTCUSDT_nautilus.json");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        BybitMarketRestClient client = new BybitMarketRestClient(endpoints, Duration.ofSeconds(5));
        assertEquals(
                List.of(
                        new BybitMarketRestClient.SettledRate(new BigDecimal("0.00015"), 1_709_856_000_000L),
                        new BybitMarketRestClient.SettledRate(new BigDecimal("0.0001"), 1_709_884_800_000L)),
                client.fundingHistory("BTCUSDT", 10));
        assertThrows(
                BybitMarketRestClient.MalformedAnswerException.class,
                () -> client.fundingHistory("SOLUSDT", 10),
                "rows of another symbol are not ours");
    }

    @AfterEach
    void stop() {
        poller.close();
        bybit.close();
        streams.close();
        redis.close();
    }

    List<FundingSnapshot> stored() {
        return streams.range(StreamKeys.funding(SOL), 0, Long.MAX_VALUE, 100).stream()
                .map(e -> FundingSnapshotCodec.INSTANCE.decode(e.fields()))
                .toList();
    }

    void openInterest(String fixture) {
        bybit.result(BybitSimulator.OPEN_INTEREST, q -> {
            try {
                return recordedResult(fixture);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void theDocsAnswerGivesOneSidedOiNotionalAndKeepsTheTwoSidedFigureBeside() throws Exception {
        // Bybit's 2026 docs: openInterest 63910691 is both sides, singleOpenInterest 31955346 one side; mark 114898.43.
        openInterest("bybit/open_interest_doc_example_inverse.json");
        assertTrue(poller.pollOnce());
        Map<String, String> fields =
                streams.last(StreamKeys.funding(SOL)).orElseThrow().fields();
        assertEquals(
                Map.ofEntries(
                        Map.entry("symbol", "SOLUSDT"),
                        Map.entry("oi_notional", "3671619085506.78"),
                        Map.entry("oi_two_sided", "7343238056115.13"),
                        Map.entry("funding_rate", "0.0001"),
                        Map.entry("funding_rate_8h", "0.0001"),
                        Map.entry("funding_interval_h", "8"),
                        Map.entry("funding_apr", "10.95"),
                        Map.entry("next_funding_time", "1760371200000"),
                        Map.entry("mark_price", "114898.43"),
                        Map.entry("ts", fields.get("ts")),
                        Map.entry("recv_ts", Long.toString(NOW)),
                        Map.entry("oi_ts", "1780963200000")),
                fields,
                "oi_ts is the newest OI row's own time, not the ticker's");
        assertEquals(0, poller.counters().getOrDefault("oi_one_sided_missing", 0L));
    }

    @Test
    void withoutSingleOpenInterestOiNotionalIsLeftOutNeverHalved() throws Exception {
        // The recorded 2023 answer predates singleOpenInterest: OI 411496.22 (newest row, both sides) × mark 114898.43.
        openInterest("bybit/open_interest_ETHUSDT_linear_3rdparty_capture.json");
        assertTrue(poller.pollOnce(), "funding is still written: only the one-sided OI is unknown");
        Map<String, String> fields =
                streams.last(StreamKeys.funding(SOL)).orElseThrow().fields();
        assertFalse(fields.containsKey("oi_notional"));
        assertEquals("47280269628.9346", fields.get("oi_two_sided"));
        assertEquals("1677832800000", fields.get("oi_ts"));
        assertEquals("10.95", fields.get("funding_apr"));
        FundingSnapshot s = stored().get(0);
        assertEquals(null, s.oiNotional());
        assertEquals(1, poller.counters().get("oi_one_sided_missing"));
    }

    @Test
    void theSimulatorServesBothFiguresAsTheDocsDo() throws Exception {
        bybit.result(
                BybitSimulator.OPEN_INTEREST,
                q -> BybitWire.openInterestResult("SOLUSDT", new BigDecimal("1234.5"), 1_763_999_700_000L));
        assertTrue(poller.pollOnce());
        FundingSnapshot s = stored().get(0);
        assertEquals(0, new BigDecimal("141842111.835").compareTo(s.oiNotional()));
        assertEquals(0, new BigDecimal("283684223.67").compareTo(s.oiTwoSided()));
        assertEquals(1_763_999_700_000L, s.oiTime());
    }

    @Test
    void aFourHourInstrumentDoublesTheAprOfTheSameRate() throws Exception {
        instruments.set(BybitWire.instrumentsInfoResult("SOLUSDT", 240));
        assertTrue(poller.pollOnce());
        FundingSnapshot s = stored().get(0);
        assertEquals(4, s.fundingIntervalH());
        assertEquals(0, new BigDecimal("21.9").compareTo(s.fundingApr()), "0.0001 × 6 × 365 × 100");
        assertEquals(0, new BigDecimal("0.0002").compareTo(s.fundingRate8h()));
    }

    @Test
    void http500AndRetCodeErrorsAreRetriedAndAFailedPollWritesNothing() throws Exception {
        bybit.rest().failNext(BybitSimulator.TICKERS, 2, new SimRestServer.Reply(500, "{\"error\":\"upstream\"}"));
        assertTrue(poller.pollOnce(), "two 500s, then the third attempt answers");
        assertEquals(2, poller.counters().get("errors"));
        assertEquals(1, stored().size());

        tickers.set(null); // the simulator answers retCode 10001 (symbol invalid) with HTTP 200
        assertFalse(poller.pollOnce());
        assertEquals(1, stored().size(), "a failed poll writes nothing, never zeros");
        assertEquals(1, poller.counters().get("failed_polls"));
    }

    @Test
    void rateLimitsBackOffAndMalformedBodiesAreCounted() throws Exception {
        bybit.rest().failNext(BybitSimulator.OPEN_INTEREST, 1, new SimRestServer.Reply(429, "Too Many Requests"));
        bybit.rest()
                .failNext(
                        BybitSimulator.TICKERS,
                        1,
                        new SimRestServer.Reply(
                                200, "{\"retCode\":10006,\"retMsg\":\"Too many visits!\",\"result\":{},\"time\":1}"));
        assertTrue(poller.pollOnce());
        assertEquals(2, poller.counters().get("rate_limited"));

        bybit.rest().failNext(BybitSimulator.TICKERS, 3, new SimRestServer.Reply(200, "<html>gateway</html>"));
        assertFalse(poller.pollOnce());
        assertEquals(3, poller.counters().get("malformed"));
        assertEquals(1, stored().size());
    }
}
