package perpwatch.functions.onchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.testing.TestRedis;
import perpwatch.functions.TestApi;

/** GET /api/onchain/liq-map against a real Redis holding a published scan. */
class LiqMapEndpointTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long NOW = 1_764_000_000_000L;

    @Test
    void servesTheLatestScanNearestFirstWithFilters() throws Exception {
        try (TestRedis redis = TestRedis.start();
                RedisStreams streams = new RedisStreams(redis.config());
                TestApi api = TestApi.start(redis.url(), NOW)) {
            HttpResponse<String> none = api.get("/api/onchain/liq-map");
            assertEquals(503, none.statusCode());
            assertEquals("no_scan", JSON.readTree(none.body()).path("error").asText());

            LiqMapSamples.publish(streams, "scan-1", NOW);
            JsonNode all = JSON.readTree(api.get("/api/onchain/liq-map").body());
            assertEquals("scan-1", all.path("scan_id").asText());
            assertEquals(
                    List.of("L1", "S1", "L2"), users(all), "nearest first, positions without a liquidation price last");
            assertEquals(3, all.path("matched").asInt());
            assertTrue(all.path("entries").get(2).path("liq_price").isNull());
            assertEquals(
                    "fully_collateralized",
                    all.path("entries").get(2).path("no_liq_reason").asText());

            assertEquals(
                    List.of("S1"),
                    users(JSON.readTree(
                            api.get("/api/onchain/liq-map?side=short").body())));
            assertEquals(
                    List.of("L1"),
                    users(JSON.readTree(api.get("/api/onchain/liq-map?max_distance_bps=2000")
                            .body())));
            JsonNode limited =
                    JSON.readTree(api.get("/api/onchain/liq-map?limit=1").body());
            assertEquals(List.of("L1"), users(limited));
            assertEquals(3, limited.path("matched").asInt());
            assertEquals(1, limited.path("returned").asInt());

            for (String bad : List.of(
                    "limit=0", "limit=5001", "limit=x", "side=up", "max_distance_bps=-1", "max_distance_bps=far")) {
                HttpResponse<String> r = api.get("/api/onchain/liq-map?" + bad);
                assertEquals(400, r.statusCode(), bad);
                assertEquals(
                        "bad_parameter", JSON.readTree(r.body()).path("error").asText(), bad);
            }

            HttpResponse<String> first = api.get("/api/onchain/liq-map");
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertEquals(
                    304,
                    api.getWithHeader("/api/onchain/liq-map", "If-None-Match", etag)
                            .statusCode(),
                    "same scan: nothing to send");
            LiqMapSamples.publish(streams, "scan-2", NOW + 3_600_000);
            HttpResponse<String> next = api.getWithHeader("/api/onchain/liq-map", "If-None-Match", etag);
            assertEquals(200, next.statusCode(), "a new scan is picked up at once");
            assertEquals("scan-2", JSON.readTree(next.body()).path("scan_id").asText());
        }
    }

    @Test
    void aLiveScanReadsLiveWithItsAgeAndAnOldOneReadsStaleWithoutLosingIts304() throws Exception {
        try (TestRedis redis = TestRedis.start();
                RedisStreams streams = new RedisStreams(redis.config());
                TestApi api = TestApi.start(redis.url(), NOW)) {
            LiqMapSamples.publish(streams, "scan-1", NOW - 60_000);
            JsonNode live = JSON.readTree(api.get("/api/onchain/liq-map").body());
            assertEquals("live", live.path("state").asText());
            assertEquals("", live.path("reason").asText());
            assertEquals(60_000, live.path("age_ms").asLong());
        }
        long later = NOW + LiqMapStatus.MAX_AGE.toMillis() + 60_000;
        try (TestRedis redis = TestRedis.start();
                RedisStreams streams = new RedisStreams(redis.config());
                TestApi api = TestApi.start(redis.url(), later)) {
            LiqMapSamples.publish(streams, "scan-1", NOW);
            HttpResponse<String> r = api.get("/api/onchain/liq-map");
            JsonNode old = JSON.readTree(r.body());
            assertEquals("stale", old.path("state").asText(), "a map no scan replaced is not the market now");
            assertTrue(
                    old.path("reason").asText().contains("min old"),
                    old.path("reason").asText());
            assertEquals(3, old.path("entries").size(), "the map itself stays visible, marked");
            String etag = r.headers().firstValue("ETag").orElseThrow();
            assertEquals(
                    304,
                    api.getWithHeader("/api/onchain/liq-map", "If-None-Match", etag)
                            .statusCode());
        }
    }

    @Test
    void aPausedProgramReadsFrozenAndAScanWithoutAVerdictReadsStale() throws Exception {
        try (TestRedis redis = TestRedis.start();
                RedisStreams streams = new RedisStreams(redis.config());
                TestApi api = TestApi.start(redis.url(), NOW)) {
            LiqMapSamples.publish(streams, "paused", NOW, "frozen", "the program is paused");
            JsonNode frozen = JSON.readTree(api.get("/api/onchain/liq-map").body());
            assertEquals("frozen", frozen.path("state").asText());
            assertEquals("the program is paused", frozen.path("reason").asText());
            assertEquals("drift-v2", frozen.path("program").asText());

            LiqMapSamples.publish(streams, "old-oracle", NOW, "stale", "oracle X is 900 slots behind");
            JsonNode stale = JSON.readTree(api.get("/api/onchain/liq-map").body());
            assertEquals("stale", stale.path("state").asText());
            assertEquals("oracle X is 900 slots behind", stale.path("reason").asText());

            LiqMapSamples.publishWithoutState(streams, "legacy", NOW);
            JsonNode legacy = JSON.readTree(api.get("/api/onchain/liq-map").body());
            assertEquals("stale", legacy.path("state").asText(), "no verdict is never read as live");
            assertTrue(legacy.path("reason").asText().contains("did not record"));
        }
    }

    private static List<String> users(JsonNode body) {
        List<String> out = new ArrayList<>();
        body.path("entries").forEach(e -> out.add(e.path("user_pubkey").asText()));
        return out;
    }
}
