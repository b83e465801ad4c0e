package perpwatch.functions.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.model.Bar;
import perpwatch.core.model.BarCodec;
import perpwatch.core.model.FundingSnapshot;
import perpwatch.core.model.FundingSnapshotCodec;
import perpwatch.core.model.Liquidation;
import perpwatch.core.model.LiquidationCodec;
import perpwatch.core.model.PositionSide;
import perpwatch.core.model.PriceTick;
import perpwatch.core.model.PriceTickCodec;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamKeys;
import perpwatch.core.testing.TestRedis;
import perpwatch.functions.TestApi;
import perpwatch.functions.TestClock;
import perpwatch.functions.ping.PingController;

/** Real responses of every documented route, checked against the document the API itself serves. */
class OpenApiConformanceTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @SuppressWarnings("unchecked")
    static Map<String, Object> responseSchema(Map<String, Object> doc, String path, int status) {
        return responseSchema(doc, "get", path, status);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> responseSchema(Map<String, Object> doc, String method, String path, int status) {
        Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
        Map<String, Object> get = (Map<String, Object>) ((Map<String, Object>) paths.get(path)).get(method);
        Map<String, Object> response =
                (Map<String, Object>) ((Map<String, Object>) get.get("responses")).get(Integer.toString(status));
        if (response == null) {
            throw new AssertionError(path + " does not document status " + status);
        }
        if (response.containsKey("$ref")) {
            String name = ((String) response.get("$ref")).substring("#/components/responses/".length());
            response = (Map<String, Object>)
                    ((Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("responses")).get(name);
        }
        Map<String, Object> content =
                (Map<String, Object>) ((Map<String, Object>) response.get("content")).get("application/json");
        return (Map<String, Object>) content.get("schema");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyRouteAnswersAsDocumented() throws Exception {
        try (TestRedis redis = TestRedis.start();
                RedisStreams streams = new RedisStreams(redis.config())) {
            long now = System.currentTimeMillis();
            Instrument sol = Instrument.sol();
            streams.add(
                    StreamKeys.price(sol),
                    PriceTickCodec.INSTANCE.encode(new PriceTick(new BigDecimal("150.5"), now - 100, now - 90)),
                    now);
            streams.add(
                    StreamKeys.funding(sol),
                    FundingSnapshotCodec.INSTANCE.encode(new FundingSnapshot(
                            "SOLUSDT",
                            BigDecimal.TEN,
                            BigDecimal.ONE,
                            new BigDecimal("0.0001"),
                            new BigDecimal("0.0001"),
                            8,
                            new BigDecimal("10.95"),
                            now + 1_000,
                            BigDecimal.TEN,
                            now - 1_000,
                            now - 900)),
                    now);
            streams.add(
                    StreamKeys.liquidations(sol),
                    LiquidationCodec.INSTANCE.encode(new Liquidation(
                            "okx",
                            "SOL-USDC-SWAP",
                            PositionSide.SHORT,
                            new BigDecimal("151"),
                            BigDecimal.ONE,
                            new BigDecimal("151"),
                            now - 500,
                            now - 400)),
                    now);
            streams.add(
                    StreamKeys.trades(sol),
                    BarCodec.INSTANCE.encode(new Bar(
                            now - 70_000,
                            BigDecimal.ONE,
                            BigDecimal.TEN,
                            BigDecimal.ONE,
                            BigDecimal.TEN,
                            BigDecimal.ONE,
                            BigDecimal.ONE,
                            BigDecimal.ZERO,
                            BigDecimal.TEN,
                            2,
                            1,
                            2,
                            now)),
                    now);
            try (TestApi api = TestApi.start(
                    redis.url(),
                    new TestClock(now),
                    Map.of("perpwatch.helius.auth", "s3cret", PingController.ENABLED, true))) {
                HttpResponse<String> served = api.get("/api/openapi.yml");
                assertEquals(200, served.statusCode());
                Map<String, Object> doc = new Yaml().load(served.body());
                SchemaSubsetValidator validator = new SchemaSubsetValidator(doc);

                record Case(String path, String request, int status) {}
                List<Case> cases = List.of(
                        new Case("/api/instruments", "/api/instruments", 200),
                        new Case("/api/engine/guards", "/api/engine/guards", 200),
                        new Case("/api/engine/guards", "/api/engine/guards?symbol=NOPE", 400),
                        new Case("/api/engine/thresholds", "/api/engine/thresholds", 200),
                        new Case("/api/engine/guards/history", "/api/engine/guards/history?hours=720", 200),
                        new Case("/api/engine/guards/history", "/api/engine/guards/history?hours=721", 400),
                        new Case("/api/engine/guards/history", "/api/engine/guards/history?limit=0", 400),
                        new Case("/api/market/oi_history", "/api/market/oi_history", 200),
                        new Case("/api/market/oi_history", "/api/market/oi_history?hours=0", 400),
                        new Case("/api/market/funding_history", "/api/market/funding_history?hours=168", 200),
                        new Case("/api/market/funding_history", "/api/market/funding_history?symbol=X", 400),
                        new Case("/api/market/liq_heatmap", "/api/market/liq_heatmap?hours=2", 200),
                        new Case("/api/market/liq_heatmap", "/api/market/liq_heatmap?hours=x", 400),
                        new Case("/api/health", "/api/health", 200),
                        new Case("/api/ping", "/api/ping", 200),
                        new Case("/api/internal/health", "/api/internal/health", 200));
                for (Case c : cases) {
                    HttpResponse<String> response = api.get(c.request());
                    assertEquals(c.status(), response.statusCode(), c.request());
                    List<String> problems = validator.validate(
                            JSON.readTree(response.body()), responseSchema(doc, c.path(), c.status()));
                    assertTrue(problems.isEmpty(), c.request() + " → " + problems);
                }
                String delivery =
                        "[{\"signature\":\"sig-1\",\"slot\":1,\"timestamp\":2,\"type\":\"UNKNOWN\",\"feePayer\":\"w\","
                                + "\"instructions\":[{\"programId\":\"dRiftyHA39MWEi3m9aunc5MzRF1JYuBsbn6VPcn33UH\","
                                + "\"innerInstructions\":[]}]}]";
                for (Object[] c :
                        new Object[][] {{"s3cret", delivery, 200}, {"wrong", delivery, 401}, {"s3cret", "{x", 400}}) {
                    HttpResponse<String> posted = api.post(
                            "/api/webhooks/helius",
                            ((String) c[1]).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                            (String) c[0]);
                    assertEquals((int) c[2], posted.statusCode(), posted.body());
                    List<String> problems = validator.validate(
                            JSON.readTree(posted.body()),
                            responseSchema(doc, "post", "/api/webhooks/helius", (int) c[2]));
                    assertTrue(problems.isEmpty(), "POST webhook " + c[2] + " → " + problems);
                }
                assertTrue(validator
                        .validate(
                                JSON.readTree(api.get("/api/internal/webhooks/helius/counters")
                                        .body()),
                                responseSchema(doc, "/api/internal/webhooks/helius/counters", 200))
                        .isEmpty());
                assertTrue(
                        JSON.readTree(api.get("/api/engine/guards").body())
                                .get("last_bar")
                                .isObject(),
                        "the bar branch of the schema was exercised");
                api.context
                        .getBean(perpwatch.functions.guards.DecisionLog.class)
                        .drain(5_000);
                HttpResponse<String> decisions = api.get("/api/engine/guards/history");
                assertTrue(
                        JSON.readTree(decisions.body()).get("decisions").size() > 0,
                        "a decision was exercised: " + decisions.body());
                assertTrue(validator
                        .validate(
                                JSON.readTree(decisions.body()), responseSchema(doc, "/api/engine/guards/history", 200))
                        .isEmpty());
                assertEquals(
                        1,
                        JSON.readTree(api.get("/api/market/liq_heatmap").body())
                                .get("cells")
                                .size(),
                        "a cell was exercised");
                assertEquals(
                        1,
                        JSON.readTree(api.get("/api/market/oi_history").body()).size(),
                        "a point was exercised");

                HttpResponse<String> noScan = api.get("/api/onchain/liq-map");
                assertEquals(503, noScan.statusCode(), "no scan yet");
                assertTrue(validator
                        .validate(JSON.readTree(noScan.body()), responseSchema(doc, "/api/onchain/liq-map", 503))
                        .isEmpty());
                perpwatch.functions.onchain.LiqMapSamples.publish(streams, "scan-1", now);
                for (Case c : List.of(
                        new Case("/api/onchain/liq-map", "/api/onchain/liq-map", 200),
                        new Case("/api/onchain/liq-map", "/api/onchain/liq-map?side=up", 400))) {
                    HttpResponse<String> response = api.get(c.request());
                    assertEquals(c.status(), response.statusCode(), c.request());
                    List<String> problems = validator.validate(
                            JSON.readTree(response.body()), responseSchema(doc, c.path(), c.status()));
                    assertTrue(problems.isEmpty(), c.request() + " → " + problems);
                }

                redis.stop();
                HttpResponse<String> down = api.get("/api/health");
                assertEquals(503, down.statusCode());
                assertTrue(validator
                        .validate(JSON.readTree(down.body()), responseSchema(doc, "/api/health", 503))
                        .isEmpty());
                HttpResponse<String> detailedDown = api.get("/api/internal/health");
                assertTrue(validator
                        .validate(JSON.readTree(detailedDown.body()), responseSchema(doc, "/api/internal/health", 503))
                        .isEmpty());
                HttpResponse<String> webhookDown = api.post(
                        "/api/webhooks/helius", "[]".getBytes(java.nio.charset.StandardCharsets.UTF_8), "s3cret");
                assertEquals(200, webhookDown.statusCode(), "an empty delivery needs no store");
                for (String route : List.of(
                        "/api/market/oi_history",
                        "/api/market/funding_history",
                        "/api/market/liq_heatmap",
                        "/api/engine/guards/history")) {
                    // A window not asked for yet: one asked above is still served from the history cache.
                    HttpResponse<String> history = api.get(route + "?hours=3");
                    assertEquals(503, history.statusCode(), route);
                    assertTrue(
                            validator
                                    .validate(JSON.readTree(history.body()), responseSchema(doc, route, 503))
                                    .isEmpty(),
                            route);
                }
                HttpResponse<String> guardsDown = api.get("/api/engine/guards?symbol=sol");
                assertTrue(validator
                        .validate(JSON.readTree(guardsDown.body()), responseSchema(doc, "/api/engine/guards", 200))
                        .isEmpty());
            }
        }
    }

    @Test
    void theValidatorCatchesDrift() {
        Map<String, Object> schema = Map.of(
                "type", "object", "required", List.of("a"), "properties", Map.of("a", Map.of("type", "integer")));
        SchemaSubsetValidator validator = new SchemaSubsetValidator(Map.of());
        assertEquals(
                List.of("$: missing required 'a'", "$: undocumented property 'b'"),
                validator.validate(JSON.valueToTree(Map.of("b", 1)), schema));
        assertEquals(
                List.of("$.a: expected integer, got STRING"),
                validator.validate(JSON.valueToTree(Map.of("a", "1")), schema));
    }
}
