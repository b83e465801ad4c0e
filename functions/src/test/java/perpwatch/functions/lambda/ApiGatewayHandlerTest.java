package perpwatch.functions.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.model.PriceTick;
import perpwatch.core.model.PriceTickCodec;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamKeys;
import perpwatch.core.testing.TestRedis;
import perpwatch.functions.TestApi;

/** The same route through the Lambda proxy handler (API Gateway HTTP API, payload 2.0) and through Netty. */
class ApiGatewayHandlerTest {
    static final long NOW = 1_764_000_000_000L;
    static TestRedis redis;
    static TestApi netty;
    static ApplicationContext lambdaContext;
    static ApiGatewayHandler handler;

    @BeforeAll
    static void start() {
        redis = TestRedis.start();
        try (RedisStreams streams = new RedisStreams(redis.config())) {
            streams.add(
                    StreamKeys.price(Instrument.sol()),
                    PriceTickCodec.INSTANCE.encode(new PriceTick(new BigDecimal("150.5"), NOW - 100, NOW - 90)),
                    NOW);
            perpwatch.functions.onchain.LiqMapSamples.publish(streams, "scan-1", NOW);
        }
        netty = TestApi.start(redis.url(), NOW);
        lambdaContext = TestApi.context(redis.url(), NOW);
        handler = new ApiGatewayHandler(lambdaContext);
    }

    @AfterAll
    static void stop() {
        handler.close();
        netty.close();
        redis.close();
    }

    static APIGatewayV2HTTPEvent event(String path, String rawQuery) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withRawQueryString(rawQuery)
                .withQueryStringParameters(
                        rawQuery.isEmpty() ? null : Map.of(rawQuery.split("=")[0], rawQuery.split("=")[1]))
                .withHeaders(Map.of("accept", "application/json", "host", "abc.execute-api.eu-west-1.amazonaws.com"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("GET")
                                .withPath(path)
                                .withProtocol("HTTP/1.1")
                                .withSourceIp("127.0.0.1")
                                .build())
                        .withRequestId("test")
                        .withStage("$default")
                        .build())
                .withIsBase64Encoded(false)
                .build();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/engine/guards",
                "/api/engine/guards?symbol=SOL",
                "/api/engine/guards?symbol=XRP",
                "/api/unknown",
                "/api/market/oi_history?hours=48",
                "/api/market/funding_history?hours=abc",
                "/api/market/liq_heatmap?hours=1",
                "/api/health",
                "/api/internal/health",
                "/api/onchain/liq-map?side=short",
                "/api/onchain/liq-map?limit=0",
                "/api/engine/thresholds",
                "/api/engine/guards/history?hours=2",
                "/api/engine/guards/history?hours=0"
            })
    void lambdaAnswersExactlyWhatNettyAnswers(String pathAndQuery) throws Exception {
        String[] parts = pathAndQuery.split("\\?", 2);
        APIGatewayV2HTTPResponse viaLambda =
                handler.handleRequest(event(parts[0], parts.length > 1 ? parts[1] : ""), new TestLambdaContext());
        HttpResponse<String> viaNetty = netty.get(pathAndQuery);

        assertEquals(viaNetty.statusCode(), viaLambda.getStatusCode());
        ObjectMapper json = new ObjectMapper();
        assertEquals(
                withoutInstance(json.readTree(viaNetty.body())), withoutInstance(json.readTree(viaLambda.getBody())));
    }

    /** Two application contexts are two API instances: everything but their identity must agree. */
    private static com.fasterxml.jackson.databind.JsonNode withoutInstance(
            com.fasterxml.jackson.databind.JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            object.remove("instance");
        }
        return node;
    }
}
