package perpwatch.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import perpwatch.functions.lambda.ApiGatewayHandler;
import perpwatch.local.net.FreePorts;
import perpwatch.local.redis.LocalRedis;

/**
 * The API Lambda's cold start in-process: each fork is a fresh JVM that builds the handler (Micronaut context,
 * controllers, Redis client) and answers one guards request through the API Gateway v2 payload, measured once.
 * This is the init a Lambda pays without SnapStart; the JVM start itself is not included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(10)
public class LambdaColdStartBenchmark {
    private LocalRedis redis;

    @Setup(Level.Trial)
    public void startRedis() throws Exception {
        redis = LocalRedis.start(FreePorts.any());
        System.setProperty("perpwatch.redis.url", redis.url());
    }

    @TearDown(Level.Trial)
    public void stopRedis() throws Exception {
        redis.close();
    }

    @Benchmark
    public int initAndFirstGuardsRequest() {
        ApiGatewayHandler handler = new ApiGatewayHandler();
        APIGatewayV2HTTPResponse response = handler.handleRequest(guardsEvent(), null);
        handler.close();
        return response.getStatusCode();
    }

    static APIGatewayV2HTTPEvent guardsEvent() {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath("/api/engine/guards")
                .withRawQueryString("")
                .withHeaders(Map.of("accept", "application/json", "host", "bench.execute-api.local"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("GET")
                                .withPath("/api/engine/guards")
                                .withProtocol("HTTP/1.1")
                                .withSourceIp("127.0.0.1")
                                .build())
                        .withRequestId("bench")
                        .withStage("$default")
                        .build())
                .withIsBase64Encoded(false)
                .build();
    }
}
