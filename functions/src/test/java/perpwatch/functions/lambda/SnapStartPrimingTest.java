package perpwatch.functions.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.model.PriceTick;
import perpwatch.core.model.PriceTickCodec;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamEntry;
import perpwatch.core.stream.StreamKeys;
import perpwatch.core.testing.TestRedis;
import perpwatch.functions.TestApi;
import perpwatch.functions.guards.DecisionLog;

/**
 * The checkpoint hooks called as SnapStart would call them (no CRaC runtime needed), against a real Redis: whatever the
 * priming computed must not reach an answer or the decision log, and the first request after the restore must answer
 * from Redis as a never-primed function would.
 */
class SnapStartPrimingTest {
    static final long NOW = 1_764_000_000_000L;
    /** The priming's made-up inputs price everything at 100.00; the real stream says this. */
    static final BigDecimal REAL_PRICE = new BigDecimal("150.5");

    TestRedis redis;
    RedisStreams streams;
    ApiGatewayHandler handler;

    @BeforeEach
    void start() {
        redis = TestRedis.start();
        streams = new RedisStreams(redis.config());
        streams.add(
                StreamKeys.price(Instrument.sol()),
                PriceTickCodec.INSTANCE.encode(new PriceTick(REAL_PRICE, NOW - 100, NOW - 90)),
                NOW);
        handler = new ApiGatewayHandler(TestApi.context(redis.url(), NOW));
    }

    @AfterEach
    void stop() {
        handler.close();
        streams.close();
        redis.close();
    }

    @Test
    void aRestoredFunctionAnswersFromRedisAndRecordsOnlyRealDecisions() throws Exception {
        handler.priming().beforeCheckpoint(null);
        DecisionLog decisions = handler.getApplicationContext().getBean(DecisionLog.class);
        assertTrue(decisions.drain(5_000));
        assertEquals(0, streams.length(StreamKeys.guardDecisions(Instrument.sol())), "priming recorded a decision");
        handler.priming().afterRestore(null);

        APIGatewayV2HTTPResponse response =
                handler.handleRequest(ApiGatewayHandlerTest.event("/api/engine/guards", ""), new TestLambdaContext());

        assertEquals(200, response.getStatusCode());
        JsonNode answer = new ObjectMapper().readTree(response.getBody());
        assertEquals(0, REAL_PRICE.compareTo(answer.get("price").decimalValue()), answer.toString());
        assertEquals(1, answer.get("seq").asLong(), "the priming advanced the real answer counter");
        assertTrue(decisions.drain(5_000));
        List<StreamEntry> recorded =
                streams.range(StreamKeys.guardDecisions(Instrument.sol()), 0, Long.MAX_VALUE / 2, 10);
        assertEquals(1, recorded.size(), recorded.toString());
        assertEquals("1", recorded.get(0).fields().get("seq"));
        assertEquals(answer.get("instance").asText(), recorded.get(0).fields().get("instance"));
        assertEquals(1L, decisions.counters().get("recorded"));
    }

    @Test
    void primingWithRedisDownStillPrimesAndTheRestoredFunctionConnectsWhenItIsBack() throws Exception {
        redis.stop();
        handler.priming().beforeCheckpoint(null);
        redis.startServer();
        // A client of its own: the test's first one may still be reconnecting to the restarted server.
        try (RedisStreams writer = new RedisStreams(redis.config())) {
            writer.add(
                    StreamKeys.price(Instrument.sol()),
                    PriceTickCodec.INSTANCE.encode(new PriceTick(REAL_PRICE, NOW - 100, NOW - 90)),
                    NOW);
        }
        handler.priming().afterRestore(null);

        APIGatewayV2HTTPResponse response =
                handler.handleRequest(ApiGatewayHandlerTest.event("/api/engine/guards", ""), new TestLambdaContext());

        JsonNode answer = new ObjectMapper().readTree(response.getBody());
        assertEquals(0, REAL_PRICE.compareTo(answer.get("price").decimalValue()), answer.toString());
        assertEquals(1, answer.get("seq").asLong());
    }
}
