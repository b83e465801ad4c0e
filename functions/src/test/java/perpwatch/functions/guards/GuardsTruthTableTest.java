package perpwatch.functions.guards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import perpwatch.core.model.FundingSnapshot;
import perpwatch.core.model.FundingSnapshotCodec;
import perpwatch.core.model.Liquidation;
import perpwatch.core.model.LiquidationCodec;
import perpwatch.core.model.PositionSide;
import perpwatch.core.model.PriceTick;
import perpwatch.core.model.PriceTickCodec;
import perpwatch.core.stream.StreamKeys;
import perpwatch.functions.TestApi;
import perpwatch.functions.TestClock;

/**
 * The guards truth table (README "Guards", OpenAPI description) through the API against a real Redis, one test per
 * row, each from the passing baseline of {@link GuardsEndpointTest#everyFeedFreshAndCalmIsLiveAndPassing}.
 */
class GuardsTruthTableTest extends GuardsTestBase {

    void baseline() {
        baseline(NOW - 400);
    }

    void baseline(long bookTs) {
        seed(NOW - 800, NOW - 90_000);
        seedBook("1.0691", "250000.5", "198000", bookTs);
        seedFundingAndBasis("10.95", "187.11", NOW - 1_500);
        seedLiquidations(NOW - 200_000);
    }

    JsonNode guards(Map<String, Object> config) throws Exception {
        try (TestApi api = TestApi.start(redis.url(), new TestClock(NOW), config)) {
            return JSON.readTree(api.get("/api/engine/guards").body());
        }
    }

    JsonNode guards() throws Exception {
        return guards(Map.of());
    }

    static String state(JsonNode answer, String metric) {
        return answer.get("guards").get(metric).get("state").asText();
    }

    @Test
    void row1EveryRequiredMetricFreshAndInBoundsIsPassing() throws Exception {
        baseline();
        JsonNode answer = guards();
        assertEquals(
                "passing", answer.get("status").asText(), answer.get("warnings").toString());
    }

    @Test
    void row2AnyThresholdBreachedIsABreach() throws Exception {
        baseline();
        long[] cascade = new long[11];
        for (int i = 0; i < cascade.length; i++) {
            cascade[i] = NOW - 100_000 + i;
        }
        seedLiquidations(cascade);
        JsonNode answer = guards();
        assertEquals("breach", answer.get("status").asText());
        assertEquals("breach", state(answer, "liq_events_5m"));
    }

    @Test
    void row3ARequiredMetricUnknownIsABreach() throws Exception {
        baseline(NOW - 5_001);
        JsonNode answer = guards();
        assertEquals("breach", answer.get("status").asText());
        assertEquals("unknown", state(answer, "spread_bps"));
        assertEquals(
                "stale, 5001 ms old (max 5000 ms)",
                answer.get("guards").get("spread_bps").get("reason").asText());
    }

    @Test
    void row4AnyMetricWarningIsAWarning() throws Exception {
        baseline();
        seedBook("10.5", "250000.5", "198000", NOW - 300);
        JsonNode answer = guards();
        assertEquals("warning", answer.get("status").asText());
        assertEquals("warn", state(answer, "spread_bps"));
    }

    @Test
    void row5AnOptionalMetricUnknownIsAWarning() throws Exception {
        seed(NOW - 800, NOW - 90_000);
        seedBook("1.0691", "250000.5", "198000", NOW - 400);
        seedLiquidations(NOW - 200_000);
        // Velocity's book and oracle: its oracle metrics are required for SOL by default.
        seedVelocityBook("187.07", "187.09", "1.0691", "60000", "55000", NOW - 400);
        seedVelocityOracle("187.05", 2, NOW - 300);
        JsonNode answer = guards();
        assertEquals("warning", answer.get("status").asText(), "funding, OI and basis are optional by default");
        assertEquals("unknown", state(answer, "funding_apr"));
        assertEquals("unknown", state(answer, "basis_bps"));
    }

    /** Price, bar, book and both basis sides {@code ageMs} old (the bar closed that long ago); no liquidation feed. */
    void seedMarketAged(long ageMs) {
        seed(NOW - ageMs, NOW - ageMs - 61_000);
        seedBook("1.0691", "250000.5", "198000", NOW - ageMs);
        seedFundingAndBasis("10.95", "187.11", NOW - ageMs);
    }

    @Test
    void everyFeedStaleIsABreachNotAWarning() throws Exception {
        seedMarketAged(600_000);
        liquidationFeedsAlive("binance", "okx", "bybit");
        JsonNode answer = guards();
        assertEquals("stale", answer.get("data_source").asText());
        assertEquals("breach", answer.get("status").asText());
        for (String metric : new String[] {"price", "bar", "spread_bps", "depth_10bps", "basis_bps"}) {
            assertEquals("unknown", state(answer, metric), metric);
        }
        assertEquals("pass", state(answer, "liq_events_5m"), "the breach comes from the stale feeds alone");
    }

    @Test
    void everyLiquidationVenueSilentIsABreachNotAWarning() throws Exception {
        seedMarketAged(800);
        JsonNode answer = guards();
        assertEquals("breach", answer.get("status").asText());
        assertEquals("unknown", state(answer, "liq_events_5m"));
        assertTrue(answer.get("liq_events_5m").isNull());
    }

    @Test
    void oneLiquidationVenueSilentIsAWarningWithThatVenueUnknown() throws Exception {
        seedMarketAged(800);
        liquidationFeedsAlive("binance", "bybit");
        JsonNode answer = guards();
        assertEquals("warning", answer.get("status").asText());
        assertEquals("warn", state(answer, "liq_events_5m"), "a partial count cannot prove a calm market");
        JsonNode okx = answer.get("liq_events_5m_by_venue").get("okx");
        assertTrue(okx.get("count").isNull());
        assertEquals(false, okx.get("connected").asBoolean());
        assertEquals(
                true,
                answer.get("liq_events_5m_by_venue")
                        .get("binance")
                        .get("sampled")
                        .asBoolean());
    }

    @Test
    void theRequiredSetIsConfiguration() throws Exception {
        seed(NOW - 800, NOW - 90_000);
        seedBook("1.0691", "250000.5", "198000", NOW - 400);
        seedLiquidations(NOW - 200_000);
        JsonNode strict =
                guards(Map.of("perpwatch.guard.required", "price,spread_bps,depth_10bps,liq_events_5m,funding_apr"));
        assertEquals("breach", strict.get("status").asText(), "funding required and missing");
        JsonNode lax = guards(Map.of("perpwatch.guard.required", "none"));
        assertEquals("warning", lax.get("status").asText(), "nothing required: unknowns only warn");
        IllegalArgumentException typo =
                assertThrows(IllegalArgumentException.class, () -> GuardPolicy.requiredFrom("price,sprd"));
        assertTrue(typo.getMessage().contains("unknown guard metric 'sprd'"), typo.getMessage());
    }

    @Test
    void aClockSkewedWriterMakesItsMetricUnknownAndNamesTheStream() throws Exception {
        baseline();
        streams.add(
                StreamKeys.price(SOL),
                PriceTickCodec.INSTANCE.encode(new PriceTick(new BigDecimal("187.1"), NOW + 9_000, NOW + 9_000)),
                NOW);
        JsonNode answer = guards();
        assertEquals("breach", answer.get("status").asText());
        assertEquals("unknown", state(answer, "price"));
        assertTrue(
                containsText(
                        answer.get("warnings"),
                        "price: clock skew: market:solusdt:price is stamped 9000 ms ahead of this API's clock (max "
                                + "2000 ms)"),
                answer.get("warnings").toString());
    }

    @Test
    void anUnreadableLatestEntryIsThatMetricsUnknownWithTheReason() throws Exception {
        baseline();
        streams.add(StreamKeys.book(SOL), Map.of("bid_px", "x", "ts", "1"), NOW);
        JsonNode answer = guards();
        assertEquals("breach", answer.get("status").asText());
        assertEquals("unknown", state(answer, "depth_10bps"));
        assertTrue(
                answer.get("guards").get("spread_bps").get("reason").asText().startsWith("latest entry is unreadable"),
                answer.get("guards").get("spread_bps").toString());
    }

    @Test
    void everyAnswerCarriesItsSeqAndACachedAnswerRepeatsIt() throws Exception {
        baseline();
        TestClock clock = new TestClock(NOW);
        try (TestApi api = TestApi.start(redis.url(), clock)) {
            JsonNode first = JSON.readTree(api.get("/api/engine/guards").body());
            JsonNode cached = JSON.readTree(api.get("/api/engine/guards").body());
            assertEquals(first.get("seq").asLong(), cached.get("seq").asLong());
            clock.advance(5_000);
            JsonNode next = JSON.readTree(api.get("/api/engine/guards").body());
            assertTrue(next.get("seq").asLong() > first.get("seq").asLong());
            assertEquals(first.get("instance").asText(), next.get("instance").asText());
            assertEquals(NOW + 5_000, next.get("ts").asLong());
        }
    }

    @Test
    void aBacklogFlushedWithFreshIdsIsCountedByEventTimeAndFakesNoBreach() throws Exception {
        baseline();
        // Twenty liquidations from 20 minutes ago, written now (as the feeds flush after a Redis outage).
        for (int i = 0; i < 20; i++) {
            streams.add(
                    StreamKeys.liquidations(SOL),
                    LiquidationCodec.INSTANCE.encode(new Liquidation(
                            "bybit",
                            "SOLUSDT",
                            PositionSide.SHORT,
                            new BigDecimal("187"),
                            BigDecimal.ONE,
                            new BigDecimal("187"),
                            NOW - 1_200_000 + i,
                            NOW - 1_199_000 + i)),
                    NOW);
        }
        JsonNode answer = guards();
        assertEquals(
                "passing", answer.get("status").asText(), answer.get("warnings").toString());
        assertEquals(
                1, answer.get("liq_events_5m").asInt(), "only the baseline's one liquidation happened in the window");
    }

    @Test
    void liquidationsAreCountedPerVenueWithBinanceMarkedSampled() throws Exception {
        baseline();
        for (String venue : new String[] {"okx", "bybit", "bybit"}) {
            streams.add(
                    StreamKeys.liquidations(SOL),
                    LiquidationCodec.INSTANCE.encode(new Liquidation(
                            venue,
                            "SOLUSDT",
                            PositionSide.LONG,
                            new BigDecimal("187"),
                            BigDecimal.ONE,
                            new BigDecimal("187"),
                            NOW - 30_000,
                            NOW - 29_000)),
                    NOW);
        }
        JsonNode answer = guards();
        assertEquals(4, answer.get("liq_events_5m").asInt());
        assertEquals(JSON.readTree("""
                {"binance":{"count":1,"connected":true,"sampled":true},"okx":{"count":1,"connected":true,\
                "sampled":false},
                 "bybit":{"count":2,"connected":true,"sampled":false}}"""), answer.get("liq_events_5m_by_venue"));
    }

    @Test
    void aNewEntryIsInTheVeryNextAnswerWhateverTheCache() throws Exception {
        baseline();
        TestClock clock = new TestClock(NOW);
        try (TestApi api = TestApi.start(redis.url(), clock)) {
            JsonNode first = JSON.readTree(api.get("/api/engine/guards").body());
            assertEquals(1, first.get("liq_events_5m").asInt());
            clock.advance(10);
            assertEquals(
                    first.get("seq"),
                    JSON.readTree(api.get("/api/engine/guards").body()).get("seq"),
                    "nothing changed: cached");
            seedLiquidations(NOW - 5);
            JsonNode next = JSON.readTree(api.get("/api/engine/guards").body());
            assertEquals(
                    2, next.get("liq_events_5m").asInt(), "a new liquidation invalidates the cached answer at once");
        }
    }

    @Test
    void openInterestIsAgedFromItsOwnRowAndNeverGuessedFromTheTwoSidedFigure() throws Exception {
        baseline();
        long oiTime = NOW - 400_000; // Bybit stamps OI by its 5-minute period: older than the ticker, within its budget
        streams.add(
                StreamKeys.funding(SOL),
                FundingSnapshotCodec.INSTANCE.encode(new FundingSnapshot(
                        "SOLUSDT",
                        new BigDecimal("750000000"),
                        new BigDecimal("1500000000"),
                        new BigDecimal("0.0001"),
                        new BigDecimal("0.0001"),
                        8,
                        new BigDecimal("10.95"),
                        NOW + 3_600_000,
                        new BigDecimal("187.5"),
                        NOW - 5_000,
                        NOW - 4_900,
                        oiTime)),
                NOW);
        JsonNode answer = guards();
        assertEquals("pass", state(answer, "oi_notional"));
        assertEquals(
                400_000, answer.get("guards").get("oi_notional").get("age_ms").asLong());
        assertEquals(750_000_000, answer.get("oi_notional").asLong(), "one side, as Binance and Coinglass show it");

        streams.add(
                StreamKeys.funding(SOL),
                FundingSnapshotCodec.INSTANCE.encode(new FundingSnapshot(
                        "SOLUSDT",
                        null,
                        new BigDecimal("1500000000"),
                        new BigDecimal("0.0001"),
                        new BigDecimal("0.0001"),
                        8,
                        new BigDecimal("10.95"),
                        NOW + 3_600_000,
                        new BigDecimal("187.5"),
                        NOW - 4_000,
                        NOW - 3_900,
                        NOW - 60_000)),
                NOW);
        JsonNode twoSidedOnly = guards();
        assertEquals("unknown", state(twoSidedOnly, "oi_notional"));
        assertTrue(twoSidedOnly.get("oi_notional").isNull(), "never halved");
        assertEquals(
                "no one-sided open interest from the venue (oi_two_sided only)",
                twoSidedOnly.get("guards").get("oi_notional").get("reason").asText());
        assertEquals("pass", state(twoSidedOnly, "funding_apr"));
    }
}
