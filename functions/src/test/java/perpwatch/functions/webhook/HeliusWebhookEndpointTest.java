package perpwatch.functions.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import perpwatch.core.kinesis.LogRecord;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamEntry;
import perpwatch.core.stream.StreamKeys;
import perpwatch.core.testing.Fixtures;
import perpwatch.core.testing.TestKinesis;
import perpwatch.core.testing.TestRedis;
import perpwatch.functions.TestApi;
import perpwatch.functions.lambda.ApiGatewayHandler;
import perpwatch.functions.lambda.TestLambdaContext;

/** The webhook against a real Redis and the real Kinesis emulator, over HTTP and through the Lambda handler. */
class HeliusWebhookEndpointTest {
    static final long NOW = 1_764_000_000_000L;
    static final String SECRET = "Bearer test-secret-1234";
    static final ObjectMapper JSON = new ObjectMapper();
    static TestKinesis kinesis;

    TestRedis redis;
    RedisStreams streams;
    TestApi api;

    @BeforeAll
    static void startKinesis() {
        kinesis = TestKinesis.start("perpwatch-events", 1);
    }

    @AfterAll
    static void stopKinesis() {
        if (kinesis != null) {
            kinesis.close();
        }
    }

    static Map<String, Object> config(String kinesisEndpoint) {
        return Map.of(
                "perpwatch.helius.auth",
                SECRET,
                "perpwatch.durable.log",
                "kinesis",
                "perpwatch.kinesis.endpoint",
                kinesisEndpoint,
                "perpwatch.kinesis.stream",
                "perpwatch-events");
    }

    @BeforeEach
    void start() {
        redis = TestRedis.start();
        streams = new RedisStreams(redis.config());
        api = TestApi.start(
                redis.url(),
                java.time.Clock.fixed(java.time.Instant.ofEpochMilli(NOW), java.time.ZoneOffset.UTC),
                config(kinesis.endpoint().toString()));
    }

    @AfterEach
    void stop() {
        api.close();
        streams.close();
        redis.close();
    }

    /** The recorded enhanced transaction (a SOL transfer, not Drift). */
    static ObjectNode recordedTransfer() throws Exception {
        return (ObjectNode) JSON.readTree(Fixtures.text("helius/enhanced_transfer_sample.json"))
                .get(0);
    }

    /** The recorded transaction with a Drift instruction added (inner, to check inner instructions count). */
    static ObjectNode driftTransaction(String signature) throws Exception {
        return programTransaction(signature, HeliusPayloadParser.DRIFT_PROGRAM);
    }

    static ObjectNode programTransaction(String signature, String programId) throws Exception {
        ObjectNode tx = recordedTransfer();
        tx.put("signature", signature);
        ObjectNode outer = JSON.createObjectNode();
        outer.put("programId", "ComputeBudget111111111111111111111111111111");
        outer.putArray("accounts");
        outer.put("data", "");
        ObjectNode inner = outer.putArray("innerInstructions").addObject();
        inner.put("programId", programId);
        inner.putArray("accounts");
        inner.put("data", "3Bxs4h24hBtQy9rw");
        ((ArrayNode) tx.withArray("instructions")).add(outer);
        tx.put("someFieldHeliusAddsLater", true);
        return tx;
    }

    static byte[] body(JsonNode... txs) {
        ArrayNode array = JSON.createArrayNode();
        for (JsonNode tx : txs) {
            array.add(tx);
        }
        return array.toString().getBytes(StandardCharsets.UTF_8);
    }

    List<StreamEntry> stored() {
        return streams.range(StreamKeys.driftEvents(), 0, Long.MAX_VALUE, 1000);
    }

    List<LogRecord> logged(String signature) {
        return kinesis.readAll().stream()
                .filter(r -> signature.equals(r.fields().get("signature")))
                .toList();
    }

    @Test
    void aDriftTransactionGoesToRedisAndKinesisAndOthersAreCountedAndDropped() throws Exception {
        ObjectNode drift = driftTransaction("sig-exact-1");
        HttpResponse<String> response = api.post("/api/webhooks/helius", body(drift, recordedTransfer()), SECRET);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(
                JSON.readTree("{\"status\":\"ok\",\"accepted\":1,\"duplicates\":0,\"non_drift\":1,\"malformed\":0}"),
                JSON.readTree(response.body()));

        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("signature", "sig-exact-1");
        expected.put("program", "drift-v2");
        expected.put("event_type", drift.get("type").asText());
        expected.put("account", drift.get("feePayer").asText());
        expected.put("slot", drift.get("slot").asText());
        expected.put("data", drift.toString());
        expected.put("timestamp", drift.get("timestamp").asText());
        expected.put("ts", Long.toString(drift.get("timestamp").asLong() * 1000));
        expected.put("recv_ts", Long.toString(NOW));
        assertEquals(
                List.of(expected), stored().stream().map(StreamEntry::fields).toList());
        List<LogRecord> log = logged("sig-exact-1");
        assertEquals(1, log.size());
        assertEquals(new LogRecord("onchain:drift:events", expected, NOW, "helius:sig-exact-1"), log.get(0));
    }

    @Test
    void velocityAndDriftTransactionsAreBothStoredEachNamingTheProgramItTouched() throws Exception {
        ObjectNode velocity = programTransaction("sig-vel-1", HeliusPayloadParser.VELOCITY_PROGRAM);
        ObjectNode drift = driftTransaction("sig-drift-1");
        HttpResponse<String> response = api.post("/api/webhooks/helius", body(velocity, drift), SECRET);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(2, JSON.readTree(response.body()).path("accepted").asInt());
        Map<String, String> programs = new java.util.HashMap<>();
        stored().forEach(e ->
                programs.put(e.fields().get("signature"), e.fields().get("program")));
        assertEquals(Map.of("sig-vel-1", "velocity", "sig-drift-1", "drift-v2"), programs);
        assertEquals("velocity", logged("sig-vel-1").get(0).fields().get("program"));
    }

    @Test
    void onlyTheConfiguredProgramsAreKept() throws Exception {
        HeliusPayloadParser velocityOnly = new HeliusPayloadParser(List.of(OnchainProgram.VELOCITY));
        HeliusPayload payload = velocityOnly.parse(body(
                programTransaction("sig-vel-2", HeliusPayloadParser.VELOCITY_PROGRAM), driftTransaction("sig-d-2")));
        assertEquals(1, payload.drift().size());
        assertEquals("velocity", payload.drift().get(0).program());
        assertEquals(1, payload.nonDrift());
        assertEquals(
                List.of(OnchainProgram.VELOCITY, OnchainProgram.DRIFT_V2),
                WebhookConfig.fromEnv(perpwatch.core.config.Env.of(Map.of())).programs(),
                "both programs by default");
        assertEquals(
                List.of(OnchainProgram.DRIFT_V2),
                WebhookConfig.fromEnv(perpwatch.core.config.Env.of(Map.of("PERPWATCH_HELIUS_PROGRAMS", "drift-v2")))
                        .programs());
    }

    @Test
    void aRedeliveryIsADuplicateAndStoredOnce() throws Exception {
        byte[] delivery = body(driftTransaction("sig-dup"));
        assertEquals(
                1,
                JSON.readTree(api.post("/api/webhooks/helius", delivery, SECRET).body())
                        .get("accepted")
                        .asInt());
        JsonNode again =
                JSON.readTree(api.post("/api/webhooks/helius", delivery, SECRET).body());
        assertEquals(0, again.get("accepted").asInt());
        assertEquals(1, again.get("duplicates").asInt());
        assertEquals(1, stored().size());
        assertEquals(1, logged("sig-dup").size(), "a duplicate is not logged again");
    }

    @Test
    void aRedeliveryAfterTheAppRestartsIsStillADuplicate() throws Exception {
        byte[] delivery = body(driftTransaction("sig-restart"));
        assertEquals(
                1,
                JSON.readTree(api.post("/api/webhooks/helius", delivery, SECRET).body())
                        .get("accepted")
                        .asInt());
        api.close();
        api = TestApi.start(
                redis.url(),
                java.time.Clock.fixed(java.time.Instant.ofEpochMilli(NOW), java.time.ZoneOffset.UTC),
                config(kinesis.endpoint().toString()));
        JsonNode again =
                JSON.readTree(api.post("/api/webhooks/helius", delivery, SECRET).body());
        assertEquals(1, again.get("duplicates").asInt(), "seen signatures live in Redis, not in the process");
        assertEquals(1, stored().size());
    }

    @Test
    void wrongOrMissingAuthIs401AndStoresNothing() throws Exception {
        byte[] delivery = body(driftTransaction("sig-auth"));
        assertEquals(401, api.post("/api/webhooks/helius", delivery, null).statusCode());
        HttpResponse<String> wrong = api.post("/api/webhooks/helius", delivery, "Bearer test-secret-1235");
        assertEquals(401, wrong.statusCode());
        assertEquals("unauthorized", JSON.readTree(wrong.body()).get("error").asText());
        assertTrue(stored().isEmpty());
        assertEquals(
                2,
                JSON.readTree(api.get("/api/internal/webhooks/helius/counters").body())
                        .get("auth_failures")
                        .asInt());
    }

    @Test
    void badBodiesAre400Or413AndABadElementIsSkippedNotFatal() throws Exception {
        assertEquals(
                400,
                api.post("/api/webhooks/helius", "[{\"signature\":".getBytes(StandardCharsets.UTF_8), SECRET)
                        .statusCode());
        assertEquals(
                400,
                api.post("/api/webhooks/helius", "{\"signature\":\"x\"}".getBytes(StandardCharsets.UTF_8), SECRET)
                        .statusCode());
        byte[] huge = new byte[WebhookConfig.MAX_BODY_BYTES + 10];
        java.util.Arrays.fill(huge, (byte) ' ');
        huge[0] = '[';
        huge[huge.length - 1] = ']';
        HttpResponse<String> tooLarge = api.post("/api/webhooks/helius", huge, SECRET);
        assertEquals(413, tooLarge.statusCode());
        assertEquals("too_large", JSON.readTree(tooLarge.body()).get("error").asText());

        String mixed = "[" + driftTransaction("sig-mixed") + ",{\"foo\":1},5,{\"signature\":\"no-slot\"}]";
        JsonNode answer = JSON.readTree(api.post("/api/webhooks/helius", mixed.getBytes(StandardCharsets.UTF_8), SECRET)
                .body());
        assertEquals(1, answer.get("accepted").asInt());
        assertEquals(3, answer.get("malformed").asInt());
        assertEquals(1, stored().size());
    }

    @Test
    void withRedisDownTheLogTakesTheDeliveryAnd200AndRedisCatchesUpOncePerSignature() throws Exception {
        byte[] first = body(driftTransaction("sig-redis-down-1"));
        byte[] second = body(driftTransaction("sig-redis-down-2"), driftTransaction("sig-redis-down-1"));
        redis.stop();
        HttpResponse<String> down = api.post("/api/webhooks/helius", first, SECRET);
        assertEquals(200, down.statusCode(), "the log holds it: Helius must not retry into a dropped delivery");
        assertEquals(1, JSON.readTree(down.body()).get("accepted").asInt());
        // A redelivery while Redis is down cannot be recognised: it reaches the log again, under the same id.
        assertEquals(200, api.post("/api/webhooks/helius", second, SECRET).statusCode());
        assertEquals(2, logged("sig-redis-down-1").size());
        assertEquals(
                List.of("helius:sig-redis-down-1", "helius:sig-redis-down-1"),
                logged("sig-redis-down-1").stream().map(LogRecord::id).toList());
        assertEquals(1, logged("sig-redis-down-2").size());

        redis.startServer();
        // The next delivery that finds Redis up appends what waited, each signature once.
        long deadline = System.currentTimeMillis() + 15_000;
        while (stored().size() < 2 && System.currentTimeMillis() < deadline) {
            api.post("/api/webhooks/helius", body(recordedTransfer()), SECRET);
            Thread.sleep(100);
        }
        assertEquals(
                List.of("sig-redis-down-1", "sig-redis-down-2"),
                stored().stream().map(e -> e.fields().get("signature")).sorted().toList());
        JsonNode again =
                JSON.readTree(api.post("/api/webhooks/helius", second, SECRET).body());
        assertEquals(2, again.get("duplicates").asInt(), "both are marked seen now");
        assertEquals(2, stored().size());
        JsonNode counters =
                JSON.readTree(api.get("/api/internal/webhooks/helius/counters").body());
        assertEquals(3, counters.get("redis_deferred").asInt());
        assertEquals(2, counters.get("redis_caught_up").asInt());
    }

    @Test
    void withoutADurableLogRedisDownIsA503SoHeliusRedelivers() throws Exception {
        Map<String, Object> noLog =
                new java.util.HashMap<>(config(kinesis.endpoint().toString()));
        noLog.put("perpwatch.durable.log", "off");
        try (TestApi offline = TestApi.start(redis.url(), java.time.Clock.systemUTC(), noLog)) {
            redis.stop();
            HttpResponse<String> down =
                    offline.post("/api/webhooks/helius", body(driftTransaction("sig-no-log")), SECRET);
            assertEquals(503, down.statusCode(), "nothing but this instance's memory would hold it: " + down.body());
            redis.startServer();
        }
    }

    @Test
    void theLogCatchUpRestoresRedisAfterTheInstanceThatHeldThemIsGone() throws Exception {
        redis.stop();
        assertEquals(
                200,
                api.post("/api/webhooks/helius", body(driftTransaction("sig-lost-instance")), SECRET)
                        .statusCode());
        assertEquals(
                200,
                api.post("/api/webhooks/helius", body(driftTransaction("sig-lost-instance")), SECRET)
                        .statusCode());
        api.close(); // its in-memory retry set dies with it, as a Lambda instance's does
        redis.startServer();
        api = TestApi.start(
                redis.url(),
                java.time.Clock.fixed(java.time.Instant.ofEpochMilli(NOW), java.time.ZoneOffset.UTC),
                config(kinesis.endpoint().toString()));
        assertTrue(stored().isEmpty());
        DriftEventsCatchUp catchUp = new DriftEventsCatchUp(streams, java.time.Duration.ofDays(7));
        assertEquals(new DriftEventsCatchUp.Result(1, 1), catchUp.apply(logged("sig-lost-instance"), NOW));
        assertEquals(
                new DriftEventsCatchUp.Result(0, 2),
                catchUp.apply(
                        kinesis.readAll().stream()
                                .filter(r ->
                                        "sig-lost-instance".equals(r.fields().get("signature")))
                                .toList(),
                        NOW),
                "a replay of the replay changes nothing");
        assertEquals(1, stored().size());
        assertEquals(
                1,
                JSON.readTree(api.post("/api/webhooks/helius", body(driftTransaction("sig-lost-instance")), SECRET)
                                .body())
                        .get("duplicates")
                        .asInt());
    }

    @Test
    void aTransactionTooLargeForTheLogIsMalformedAndTheRestIsKept() throws Exception {
        // Under the body limit and the parser's, but each quote is escaped again inside the log envelope: over 1 MiB
        // there.
        ObjectNode huge = driftTransaction("sig-too-large");
        huge.put("memo", "\"".repeat(300_000));
        HttpResponse<String> answer =
                api.post("/api/webhooks/helius", body(huge, driftTransaction("sig-small")), SECRET);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(1, JSON.readTree(answer.body()).get("accepted").asInt());
        assertEquals(1, JSON.readTree(answer.body()).get("malformed").asInt());
        assertEquals(
                List.of("sig-small"),
                stored().stream().map(e -> e.fields().get("signature")).toList());
        assertTrue(logged("sig-too-large").isEmpty());
    }

    @Test
    void kinesisDownIs503AndNothingIsMarkedSeen() throws Exception {
        int deadPort = TestRedis.freePort();
        try (TestApi noLog =
                TestApi.start(redis.url(), java.time.Clock.systemUTC(), config("http://127.0.0.1:" + deadPort))) {
            byte[] delivery = body(driftTransaction("sig-kinesis-down"));
            assertEquals(
                    503, noLog.post("/api/webhooks/helius", delivery, SECRET).statusCode());
            assertTrue(stored().isEmpty());
            assertEquals(
                    List.of(false),
                    streams.seen(StreamKeys.driftEvents(), List.of("onchain:drift:seen:sig-kinesis-down")));
            // The same delivery to an instance whose log works is accepted.
            assertEquals(
                    1,
                    JSON.readTree(api.post("/api/webhooks/helius", delivery, SECRET)
                                    .body())
                            .get("accepted")
                            .asInt());
        }
    }

    @Test
    void concurrentDeliveriesOfOneSignatureStoreItOnce() throws Exception {
        byte[] delivery = body(driftTransaction("sig-race"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(pool.submit(() -> api.post("/api/webhooks/helius", delivery, SECRET)));
        }
        int accepted = 0;
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> r = answer.get();
            assertEquals(200, r.statusCode());
            accepted += JSON.readTree(r.body()).get("accepted").asInt();
        }
        pool.shutdown();
        assertEquals(1, accepted);
        assertEquals(1, stored().size());
    }

    @Test
    void theLambdaPathAnswersAsNettyDoes() throws Exception {
        byte[] delivery = body(driftTransaction("sig-lambda"));
        HttpResponse<String> viaNetty = api.post("/api/webhooks/helius", delivery, SECRET);
        try (ApiGatewayHandler handler = new ApiGatewayHandler(TestApi.context(
                redis.url(),
                java.time.Clock.fixed(java.time.Instant.ofEpochMilli(NOW), java.time.ZoneOffset.UTC),
                config(kinesis.endpoint().toString())))) {
            for (String auth : new String[] {SECRET, "nope"}) {
                APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                        .withVersion("2.0")
                        .withRouteKey("$default")
                        .withRawPath("/api/webhooks/helius")
                        .withRawQueryString("")
                        .withHeaders(Map.of(
                                "content-type",
                                "application/json",
                                "authorization",
                                auth,
                                "host",
                                "abc.execute-api.eu-west-1.amazonaws.com"))
                        .withBody(new String(delivery, StandardCharsets.UTF_8))
                        .withIsBase64Encoded(false)
                        .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                        .withMethod("POST")
                                        .withPath("/api/webhooks/helius")
                                        .withProtocol("HTTP/1.1")
                                        .withSourceIp("127.0.0.1")
                                        .build())
                                .withRequestId("test")
                                .withStage("$default")
                                .build())
                        .build();
                APIGatewayV2HTTPResponse viaLambda = handler.handleRequest(event, new TestLambdaContext());
                if (auth.equals(SECRET)) {
                    assertEquals(200, viaLambda.getStatusCode());
                    assertEquals(
                            JSON.readTree("{\"status\":\"ok\",\"accepted\":0,\"duplicates\":1,\"non_drift\":0,"
                                    + "\"malformed\":0}"),
                            JSON.readTree(viaLambda.getBody()),
                            "the Netty delivery came first: the Lambda sees a duplicate");
                } else {
                    assertEquals(401, viaLambda.getStatusCode());
                }
            }
        }
        assertEquals(200, viaNetty.statusCode());
        assertEquals(1, stored().size());
    }
}
