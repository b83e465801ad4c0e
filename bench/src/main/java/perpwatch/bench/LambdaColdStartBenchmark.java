package perpwatch.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import perpwatch.functions.lambda.ApiGatewayHandler;
import perpwatch.local.net.FreePorts;
import perpwatch.local.redis.LocalRedis;

/**
 * The API Lambda's cold start in-process, each fork a fresh JVM measured once:
 *
 * <ul>
 *   <li>{@code initAndFirstGuardsRequest}: builds the handler (Micronaut context, the beans the route needs, Redis
 *       client) and answers one guards request through the API Gateway v2 payload: the init a Lambda pays without
 *       SnapStart; the JVM start itself is not included.
 *   <li>{@code restoredFirstGuardsRequest}: the handler is built and its SnapStart hooks run as a checkpoint and a
 *       restore would run them (priming, Redis closed, then reconnected), untimed; then one guards request is timed:
 *       what a function restored from a primed snapshot pays on its first request, less the restore itself; with
 *       {@code primed=false}, the handler is only built, as a snapshot without the hooks would hold it.
 * </ul>
 *
 * <p>The forked JVM gives up waiting for the Micronaut executor's idle threads after JMH's first check instead of
 * after 30 s ({@code jmh.shutdownTimeout=0}; a {@code -jvmArgsAppend} on the command line replaces it, so repeat it
 * there).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 10, jvmArgsAppend = "-Djmh.shutdownTimeout=0")
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
        APIGatewayV2HTTPResponse response = handler.handleRequest(LambdaColdStartMain.guardsEvent(), null);
        handler.close();
        return response.getStatusCode();
    }

    /**
     * A handler built before the measurement, through a simulated checkpoint and restore ({@code primed}), or only
     * built ({@code !primed}: what a snapshot without the priming hooks would hold).
     */
    @State(Scope.Benchmark)
    public static class Restored {
        @Param({"true", "false"})
        boolean primed;

        ApiGatewayHandler handler;

        @Setup(Level.Trial)
        public void checkpointAndRestore(LambdaColdStartBenchmark redisStarted) throws Exception {
            handler = new ApiGatewayHandler();
            if (primed) {
                handler.priming().beforeCheckpoint(null);
                handler.priming().afterRestore(null);
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            handler.close();
        }
    }

    @Benchmark
    public int restoredFirstGuardsRequest(Restored restored) {
        return restored.handler
                .handleRequest(LambdaColdStartMain.guardsEvent(), null)
                .getStatusCode();
    }
}
