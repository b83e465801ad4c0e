package perpwatch.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import perpwatch.functions.lambda.ApiGatewayEvents;
import perpwatch.functions.lambda.ApiGatewayHandler;

/**
 * One cold start as a whole process, for timing from outside (JVM start included): builds the API Lambda's handler,
 * optionally runs its SnapStart hooks ({@code --primed}: a checkpoint and a restore simulated in-process), answers one
 * guards request, and exits with 0 on a 200. Uses only the functions' classes, so it runs on the Lambda jar itself,
 * with {@code PERPWATCH_REDIS_URL} set: {@code java -cp
 * functions/target/perpwatch-functions-lambda.jar:bench/target/classes perpwatch.bench.LambdaColdStartMain}.
 */
public final class LambdaColdStartMain {
    private LambdaColdStartMain() {}

    public static void main(String[] args) throws Exception {
        ApiGatewayHandler handler = new ApiGatewayHandler();
        if (args.length > 0 && args[0].equals("--primed")) {
            handler.priming().beforeCheckpoint(null);
            handler.priming().afterRestore(null);
        }
        int status = handler.handleRequest(guardsEvent(), null).getStatusCode();
        // exit() rather than close(): a Lambda is frozen, not shut down, and the executors' idle threads would hold
        // the JVM open.
        System.exit(status == 200 ? 0 : 1);
    }

    /** The engine's request: {@code GET /api/engine/guards} (SOL) as an API Gateway HTTP API v2 event. */
    static APIGatewayV2HTTPEvent guardsEvent() {
        return ApiGatewayEvents.get("/api/engine/guards", "bench.execute-api.local", "bench");
    }
}
