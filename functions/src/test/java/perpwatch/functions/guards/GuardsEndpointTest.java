package perpwatch.functions.guards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import perpwatch.functions.TestApi;
import perpwatch.functions.TestClock;

class GuardsEndpointTest extends GuardsTestBase {

    @Test
    void priceAndBarAloneIsABreachNamingTheUnknownRequiredMetrics() throws Exception {
        seed(NOW - 800, NOW - 90_000);
        try (TestApi api = TestApi.start(redis.url(), NOW)) {
            HttpResponse<String> response = api.get("/api/engine/guards");
            assertEquals(200, response.statusCode());
            assertEquals(
                    "no-store", response.headers().firstValue("Cache-Control").orElse(""));
            String expected = """
                    {"ts":1764000000000,"symbol":"SOL","price":187.08,\
                    "last_bar":{"ts":1763999910000,"open":186.9,"high":187.2,"low":186.8,"close":187.08,"vwap":187.01,\
                    "cvd":15000.75,"buy_vol":1200.5,"sell_vol":800.25,"trades":321},\
                    "spread_bps":null,"depth_10bps":{"bid_usd":null,"ask_usd":null},"funding_apr":null,\
                    "basis_bps":null,\
                    "basis_okx_bps":null,"oi_notional":null,"liq_events_5m":null,"status":"breach",\
                    "warnings":["spread_bps, depth_10bps: no data","funding_apr: no data","oi_notional: no \
                    data","basis_bps: no USDC price",\
                    "basis_okx_bps: no USDC price","liq_events_5m: no liquidation feed connected (binance, okx, bybit \
                    silent)","velocity_spread_bps, velocity_depth_10bps: no data","velocity_oracle_age_slots: no data",\
                    "velocity_funding_apr: no data","velocity_mark_oracle_bps: no Velocity mark price",\
                    "basis_velocity_bps: no Velocity price"],"data_source":"live",\
                    "ages_ms":{"price":800,"bar":30000,"spread_bps":null,"depth_10bps":null,"funding_apr":null,\
                    "oi_notional":null,"basis_bps":null,"basis_okx_bps":null,"liq_events_5m":null,\
                    "velocity_spread_bps":null,"velocity_depth_10bps":null,"velocity_oracle_age_slots":null,\
                    "velocity_mark_oracle_bps":null,"velocity_funding_apr":null,"basis_velocity_bps":null}}""";
            assertEquals(JSON.readTree(expected), flat(response.body()));
            JsonNode guards = JSON.readTree(response.body()).get("guards");
            assertEquals("pass", guards.get("price").get("state").asText());
            for (String unknown : new String[] {"spread_bps", "depth_10bps", "liq_events_5m"}) {
                assertEquals("unknown", guards.get(unknown).get("state").asText(), unknown);
                assertTrue(guards.get(unknown).get("required").asBoolean(), unknown);
            }
            assertEquals(
                    "no liquidation feed connected (binance, okx, bybit silent)",
                    guards.get("liq_events_5m").get("reason").asText());
        }
    }

    @Test
    void everyFeedFreshAndCalmIsLiveAndPassing() throws Exception {
        seed(NOW - 800, NOW - 90_000);
        seedBook("1.0691", "250000.5", "198000", NOW - 400);
        seedFundingAndBasis("10.95", "187.11", NOW - 1_500);
        seedLiquidations(NOW - 400_000, NOW - 200_000, NOW - 10_000);
        try (TestApi api = TestApi.start(redis.url(), NOW)) {
            String expected = """
                    {"ts":1764000000000,"symbol":"SOL","price":187.08,\
                    "last_bar":{"ts":1763999910000,"open":186.9,"high":187.2,"low":186.8,"close":187.08,"vwap":187.01,\
                    "cvd":15000.75,"buy_vol":1200.5,"sell_vol":800.25,"trades":321},\
                    "spread_bps":1.0691,"depth_10bps":{"bid_usd":250000.5,"ask_usd":198000},"funding_apr":10.95,\
                    "basis_bps":1.6036,"basis_okx_bps":0.5345,"oi_notional":1500000000,"liq_events_5m":2,\
                    "status":"passing","warnings":[],"data_source":"live",\
                    "ages_ms":{"price":800,"bar":30000,"spread_bps":400,"depth_10bps":400,"funding_apr":20000,\
                    "oi_notional":20000,"basis_bps":1500,"basis_okx_bps":1500,"liq_events_5m":10000,\
                    "velocity_spread_bps":400,"velocity_depth_10bps":400,"velocity_oracle_age_slots":300,\
                    "velocity_mark_oracle_bps":400,"velocity_funding_apr":1800000,"basis_velocity_bps":800}}""";
            String body = api.get("/api/engine/guards").body();
            assertEquals(JSON.readTree(expected), flat(body));
            JSON.readTree(body)
                    .get("guards")
                    .fields()
                    .forEachRemaining(
                            e -> assertEquals("pass", e.getValue().get("state").asText(), e.getKey()));
            assertTrue(body.contains("\"oi_notional\":1500000000,"), "decimals are written plainly: " + body);
        }
    }

    @Test
    void crossedThresholdsWarnAndALiquidationCascadeIsABreach() throws Exception {
        seed(NOW - 800, NOW - 90_000);
        seedBook("12.5", "30000", "198000", NOW - 400);
        seedFundingAndBasis("-350.4", "186.1", NOW - 1_500);
        long[] cascade = new long[11];
        for (int i = 0; i < cascade.length; i++) {
            cascade[i] = NOW - 250_000 + i * 1_000L;
        }
        seedLiquidations(cascade);
        try (TestApi api = TestApi.start(redis.url(), NOW)) {
            JsonNode body = JSON.readTree(api.get("/api/engine/guards").body());
            assertEquals("breach", body.get("status").asText());
            assertEquals("live", body.get("data_source").asText(), "thresholds are about the market, not the data");
            assertEquals(-52.384, body.get("basis_bps").asDouble());
            assertEquals(11, body.get("liq_events_5m").asInt());
            String expected = """
                    ["spread_bps: 12.5 bps is above the warning threshold of 10 bps",\
                    "depth_10bps: bid side has $30000 within 10 bps, below the warning threshold of $50000",\
                    "funding_apr: -350.4 % is beyond ±300 %",\
                    "basis_bps: -52.384 bps is beyond ±50 bps",\
                    "liq_events_5m: 11 liquidations in 5 min is above the breach threshold of 10"]""";
            assertEquals(JSON.readTree(expected), body.get("warnings"));
        }
    }

    @Test
    void aCascadeBeyondTheCountingCapReadsAsAtLeastTheCap() throws Exception {
        seed(NOW - 800, NOW - 90_000);
        long[] cascade = new long[GuardPolicy.LIQUIDATIONS_COUNTED_MAX + 50];
        for (int i = 0; i < cascade.length; i++) {
            cascade[i] = NOW - 200_000 + i * 100L;
        }
        seedLiquidations(cascade);
        try (TestApi api = TestApi.start(redis.url(), NOW)) {
            JsonNode body = JSON.readTree(api.get("/api/engine/guards").body());
            assertEquals("breach", body.get("status").asText());
            assertEquals(
                    GuardPolicy.LIQUIDATIONS_COUNTED_MAX,
                    body.get("liq_events_5m").asInt(),
                    "counted up to the cap, inside Redis");
            assertTrue(
                    containsText(
                            body.get("warnings"),
                            "liq_events_5m: at least 1000 liquidations in 5 min is above the breach threshold of 10"),
                    body.toString());
        }
    }

    @Test
    void aBreachThresholdTheCountCannotReachIsRefusedAtStart() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> GuardPolicy.fromEnv(
                        perpwatch.core.config.Env.of(Map.of("PERPWATCH_GUARD_LIQ_5M_BREACH", "1000"))));
        assertTrue(e.getMessage().contains("PERPWATCH_GUARD_LIQ_5M_BREACH must be from 0 to 999"), e.getMessage());
    }

    /** Each threshold alone, from a passing baseline: which status it gives. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "spread,   10,     250000, 10.95,  187.11, 0,  passing",
        "spread,   10.01,  250000, 10.95,  187.11, 0,  warning",
        "depth,    1,      50000,  10.95,  187.11, 0,  passing",
        "depth,    1,      49999,  10.95,  187.11, 0,  warning",
        "funding,  1,      250000, 300,    187.11, 0,  passing",
        "funding,  1,      250000, -300.1, 187.11, 0,  warning",
        "basis,    1,      250000, 10.95,  188.01, 0,  passing",
        "basis,    1,      250000, 10.95,  188.02, 0,  warning",
        "liqs,     1,      250000, 10.95,  187.11, 10, passing",
        "liqs,     1,      250000, 10.95,  187.11, 11, breach"
    })
    void eachThresholdFlipsTheStatusOnItsOwn(
            String case_, String spread, String depthBid, String apr, String usdc, int liquidations, String status)
            throws Exception {
        seed(NOW - 800, NOW - 90_000);
        seedBook(spread, depthBid, "198000", NOW - 400);
        seedFundingAndBasis(apr, usdc, NOW - 1_500);
        long[] times = new long[liquidations];
        for (int i = 0; i < liquidations; i++) {
            times[i] = NOW - 200_000 + i;
        }
        if (liquidations == 0) {
            times = new long[] {NOW - 400_000};
        }
        seedLiquidations(times);
        try (TestApi api = TestApi.start(redis.url(), NOW)) {
            JsonNode body = JSON.readTree(api.get("/api/engine/guards").body());
            assertEquals(status, body.get("status").asText(), case_ + ": " + body.get("warnings"));
            assertEquals("live", body.get("data_source").asText());
            assertEquals(
                    status.equals("passing") ? 0 : 1,
                    body.get("warnings").size(),
                    body.get("warnings").toString());
        }
    }

    @Test
    void basisTurnsNullWhenOneSideGoesStaleAndTheCacheDoesNotHideIt() throws Exception {
        seed(NOW - 800, NOW - 90_000);
        seedFundingAndBasis("10.95", "187.11", NOW - 1_500);
        TestClock clock = new TestClock(NOW);
        try (TestApi api = TestApi.start(redis.url(), clock)) {
            assertEquals(
                    1.6036,
                    JSON.readTree(api.get("/api/engine/guards").body())
                            .get("basis_bps")
                            .asDouble());
            clock.advance(3_501);
            JsonNode later = JSON.readTree(api.get("/api/engine/guards").body());
            assertTrue(later.get("basis_bps").isNull(), later.toString());
            assertTrue(
                    containsText(
                            later.get("warnings"),
                            "basis_bps: okx SOL-USDC-SWAP price stale, 5001 ms old (max 5000 ms)"),
                    later.get("warnings").toString());
        }
    }

    @Test
    void liquidationCountsNeedALiveFeedAndSayWhichVenuesAreMissing() throws Exception {
        seed(NOW - 800, NOW - 90_000);
        try (TestApi api = TestApi.start(redis.url(), NOW)) {
            liquidationFeedsAlive("binance", "bybit");
            JsonNode partial = JSON.readTree(api.get("/api/engine/guards").body());
            assertEquals(
                    0, partial.get("liq_events_5m").asInt(), "feeds connected and nothing liquidated: a real zero");
            assertTrue(
                    containsText(
                            partial.get("warnings"),
                            "liq_events_5m: okx not connected; the count covers the other venues only"),
                    partial.get("warnings").toString());
        }
    }

    @Test
    void basisIsNullNotZeroWhenTheSidesTradedTooFarApart() throws Exception {
        seed(NOW - 800, NOW - 90_000);
        seedFundingAndBasis("10.95", "187.08", NOW - 3_000);
        try (TestApi api = TestApi.start(redis.url(), NOW)) {
            JsonNode body = JSON.readTree(api.get("/api/engine/guards").body());
            assertTrue(body.get("basis_bps").isNull());
            assertEquals(3_000, body.get("ages_ms").get("basis_bps").asLong());
            assertTrue(
                    containsText(
                            body.get("warnings"), "basis_bps: USDC and USDT prices are 2200 ms apart (max 2000 ms)"),
                    body.toString());
            assertEquals("stale", body.get("data_source").asText());
        }
    }

    @Test
    void oldDataIsStaleNullAndSaysWhy() throws Exception {
        seed(NOW - 6_000, NOW - 400_000);
        try (TestApi api = TestApi.start(redis.url(), NOW)) {
            JsonNode body =
                    JSON.readTree(api.get("/api/engine/guards?symbol=sol").body());
            assertEquals("stale", body.get("data_source").asText());
            assertEquals("breach", body.get("status").asText(), "the price is required and stale");
            assertTrue(body.get("price").isNull());
            assertTrue(body.get("last_bar").isNull());
            assertEquals(6_000, body.get("ages_ms").get("price").asLong());
            assertEquals(
                    "price: stale, 6000 ms old (max 5000 ms)",
                    body.get("warnings").get(0).asText());
            assertEquals(
                    "bar: stale, 340000 ms old (max 150000 ms)",
                    body.get("warnings").get(1).asText());
        }
    }

    @Test
    void noDataAtAllIsUnavailableAndBreach() throws Exception {
        try (TestApi api = TestApi.start(redis.url(), NOW)) {
            JsonNode body = JSON.readTree(api.get("/api/engine/guards").body());
            assertEquals("unavailable", body.get("data_source").asText());
            assertEquals("breach", body.get("status").asText());
        }
    }

    @Test
    void redisDownIsUnavailableBreachWith200AndNoLeak() throws Exception {
        seed(NOW - 800, NOW - 90_000);
        TestClock clock = new TestClock(NOW);
        try (TestApi api = TestApi.start(redis.url(), clock)) {
            assertEquals(
                    "live",
                    JSON.readTree(api.get("/api/engine/guards").body())
                            .get("data_source")
                            .asText());
            redis.stop();
            clock.advance(5_000);
            HttpResponse<String> response = api.get("/api/engine/guards");
            assertEquals(200, response.statusCode());
            JsonNode body = JSON.readTree(response.body());
            assertEquals("unavailable", body.get("data_source").asText());
            assertEquals("breach", body.get("status").asText());
            assertTrue(body.get("price").isNull());
            assertEquals(
                    "redis unavailable: no guard can be evaluated",
                    body.get("warnings").get(0).asText());
            assertFalse(response.body().contains("Exception"), response.body());
            assertFalse(response.body().contains("redis://"), "no internals in the answer");

            redis.startServer();
            long deadline = System.currentTimeMillis() + 15_000;
            while (!streams.ping() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            seed(clock.millis() - 800, clock.millis() - 90_000);
            String source = "";
            while (!source.equals("live") && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
                source = JSON.readTree(api.get("/api/engine/guards").body())
                        .get("data_source")
                        .asText();
            }
            assertEquals(
                    "live", source, "guards recover by themselves once Redis is back: unavailable is never cached");
        }
    }

    @Test
    void aCachedAnswerIsNeverServedPastItsDatasStalenessBudget() throws Exception {
        seed(NOW - 3_000, NOW - 90_000);
        TestClock clock = new TestClock(NOW);
        try (TestApi api = TestApi.start(redis.url(), clock)) {
            JsonNode first = JSON.readTree(api.get("/api/engine/guards").body());
            assertEquals("live", first.get("data_source").asText());
            // The price has 2 s of freshness left: the answer may be reused until then, not for the full 5 s.
            clock.advance(1_900);
            assertEquals(first, JSON.readTree(api.get("/api/engine/guards").body()), "served from the cache");
            clock.advance(200);
            JsonNode recomputed = JSON.readTree(api.get("/api/engine/guards").body());
            assertEquals("stale", recomputed.get("data_source").asText());
            assertEquals(5_100, recomputed.get("ages_ms").get("price").asLong());
        }
    }

    @Test
    void badInputIsAJsonErrorNamingTheParameter() throws Exception {
        try (TestApi api = TestApi.start(redis.url(), NOW)) {
            HttpResponse<String> unknown = api.get("/api/engine/guards?symbol=DOGE");
            assertEquals(400, unknown.statusCode());
            JsonNode error = JSON.readTree(unknown.body());
            assertEquals("bad_parameter", error.get("error").asText());
            assertEquals("symbol", error.get("parameter").asText());
            assertEquals(
                    "unknown symbol 'DOGE'; known: [SOL]", error.get("message").asText());

            HttpResponse<String> missing = api.get("/api/nope");
            assertEquals(404, missing.statusCode());
            assertEquals("not_found", JSON.readTree(missing.body()).get("error").asText());
        }
    }
}
