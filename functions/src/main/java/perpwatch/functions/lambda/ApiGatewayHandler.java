package perpwatch.functions.lambda;

import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

/**
 * The Lambda entry point for every API route behind an API Gateway HTTP API (payload format 2.0). It runs the
 * same controllers as the local Netty server; only the transport differs.
 */
public class ApiGatewayHandler extends APIGatewayV2HTTPEventFunction {
    public ApiGatewayHandler() {
        super();
    }

    public ApiGatewayHandler(ApplicationContext context) {
        super(context);
    }
}
