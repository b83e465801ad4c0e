package perpwatch.functions.lambda;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import org.crac.Resource;

/**
 * The Lambda entry point for every API route behind an API Gateway HTTP API (payload format 2.0). It runs the
 * same controllers as the local Netty server; only the transport differs.
 *
 * <p>Beans are created when a request first needs them. Micronaut's Lambda default creates every singleton at init
 * (the webhook's, the market routes', the Netty server's factories) so that a SnapStart snapshot holds them; here a
 * cold start without SnapStart pays only for the route it serves, and the snapshot is made warm by
 * {@link SnapStartPriming} instead.
 */
public class ApiGatewayHandler extends APIGatewayV2HTTPEventFunction {
    /** Held here too: a checkpoint registry may keep its resources only weakly. */
    private final SnapStartPriming priming;

    public ApiGatewayHandler() {
        super();
        priming = SnapStartPriming.register(this);
    }

    public ApiGatewayHandler(ApplicationContext context) {
        super(context);
        priming = SnapStartPriming.register(this);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return super.newApplicationContextBuilder().eagerInitSingletons(false).eagerInitConfiguration(false);
    }

    /** The checkpoint hooks, for a test or a benchmark that simulates a snapshot and a restore without CRaC. */
    public Resource priming() {
        return priming;
    }
}
