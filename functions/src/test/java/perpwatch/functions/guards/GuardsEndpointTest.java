package perpwatch.functions.guards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.model.Bar;
import perpwatch.core.model.BarCodec;
import perpwatch.core.model.PriceTick;
import perpwatch.core.model.PriceTickCodec;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamKeys;
import perpwatch.core.testing.TestRedis;
import perpwatch.functions.TestApi;
import perpwatch.functions.TestClock;

class GuardsEndpointTest {
    static final long NOW = 1_764_000_000_000L;
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instrument SOL = Instrument.sol();

    TestRedis redis;
    RedisStreams streams;

    @BeforeEach
    void start() {
        redis = TestRedis.start();
        streams = new RedisStreams(redis.config());
    }

    @AfterEach
    void stop() {
        streams.close();
        redis.close();
    }

    void seed(long priceTs, long barOpen) {
        streams.add(StreamKeys.price(SOL), PriceTickCodec.INSTANCE.encode(new PriceTick(new BigDecimal("187.08"), priceTs, priceTs + 3)), NOW);
        Bar bar = new Bar(barOpen, new BigDecimal("186.9"), new BigDecimal("187.2"), new BigDecimal("186.8"), new BigDecimal("187.08"),
                new BigDecimal("1200.5"), new BigDecimal("800.25"), new BigDecimal("15000.75"), new BigDecimal("187.01"), 321, 10, 330, barOpen + 61_000);
        streams.add(StreamKeys.trades(SOL), BarCodec.INSTANCE.encode(bar), NOW);
    }

    @Test
    void freshDataIsLiveAndUnfedMetricsAreNullWithWarnings() throws Exception {
        seed(NOW - 800, NOW - 90_000);
        try (TestApi api = TestApi.start(redis.url(), NOW)) {
            HttpResponse<String> response = api.get("/api/engine/guards");
            assertEquals(200, response.statusCode());
            assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
            String expected = """
                    {"ts":1764000000000,"symbol":"SOL","price":187.08,\
                    "last_bar":{"ts":1763999910000,"open":186.9,"high":187.2,"low":186.8,"close":187.08,"vwap":187.01,\
                    "cvd":15000.75,"buy_vol":1200.5,"sell_vol":800.25,"trades":321},\
                    "spread_bps":null,"depth_10bps":{"bid_usd":null,"ask_usd":null},"funding_apr":null,"basis_bps":null,\
                    "oi_notional":null,"liq_events_5m":null,"status":"warning",\
                    "warnings":["spread_bps: no data","depth_10bps: no data","funding_apr: no data","basis_bps: no data",\
                    "oi_notional: no data","liq_events_5m: no data"],"data_source":"live",\
                    "ages_ms":{"price":800,"bar":30000,"spread_bps":null,"depth_10bps":null,"funding_apr":null,\
                    "basis_bps":null,"oi_notional":null,"liq_events_5m":null}}""";
            assertEquals(JSON.readTree(expected), JSON.readTree(response.body()));
        }
    }

    @Test
    void oldDataIsStaleNullAndSaysWhy() throws Exception {
        seed(NOW - 6_000, NOW - 400_000);
        try (TestApi api = TestApi.start(redis.url(), NOW)) {
            JsonNode body = JSON.readTree(api.get("/api/engine/guards?symbol=sol").body());
            assertEquals("stale", body.get("data_source").asText());
            assertEquals("warning", body.get("status").asText());
            assertTrue(body.get("price").isNull());
            assertTrue(body.get("last_bar").isNull());
            assertEquals(6_000, body.get("ages_ms").get("price").asLong());
            assertEquals("price: stale, 6000 ms old (max 5000 ms)", body.get("warnings").get(0).asText());
            assertEquals("bar: stale, 340000 ms old (max 150000 ms)", body.get("warnings").get(1).asText());
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
            assertEquals("live", JSON.readTree(api.get("/api/engine/guards").body()).get("data_source").asText());
            redis.stop();
            clock.advance(5_000);
            HttpResponse<String> response = api.get("/api/engine/guards");
            assertEquals(200, response.statusCode());
            JsonNode body = JSON.readTree(response.body());
            assertEquals("unavailable", body.get("data_source").asText());
            assertEquals("breach", body.get("status").asText());
            assertTrue(body.get("price").isNull());
            assertEquals("redis unavailable: no guard can be evaluated", body.get("warnings").get(0).asText());
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
                source = JSON.readTree(api.get("/api/engine/guards").body()).get("data_source").asText();
            }
            assertEquals("live", source, "guards recover by themselves once Redis is back: unavailable is never cached");
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
            assertEquals("unknown symbol 'DOGE'; known: [SOL]", error.get("message").asText());

            HttpResponse<String> missing = api.get("/api/nope");
            assertEquals(404, missing.statusCode());
            assertEquals("not_found", JSON.readTree(missing.body()).get("error").asText());
        }
    }
}
