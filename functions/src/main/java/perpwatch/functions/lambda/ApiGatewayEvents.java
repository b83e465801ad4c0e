package perpwatch.functions.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;

/** Requests built in-process as API Gateway HTTP API (payload 2.0) delivers them: the priming's and the benchmarks'. */
public final class ApiGatewayEvents {
    private ApiGatewayEvents() {}

    /** {@code GET path} (no query) from 127.0.0.1, accepting JSON, stamped with {@code host} and {@code requestId}. */
    public static APIGatewayV2HTTPEvent get(String path, String host, String requestId) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("$default")
                .withRawPath(path)
                .withRawQueryString("")
                .withHeaders(Map.of("accept", "application/json", "host", host))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("GET")
                                .withPath(path)
                                .withProtocol("HTTP/1.1")
                                .withSourceIp("127.0.0.1")
                                .build())
                        .withRequestId(requestId)
                        .withStage("$default")
                        .build())
                .withIsBase64Encoded(false)
                .build();
    }
}
