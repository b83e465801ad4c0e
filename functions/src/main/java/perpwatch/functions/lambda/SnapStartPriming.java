package perpwatch.functions.lambda;

import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.redis.RedisStreams;
import perpwatch.functions.config.FunctionsConfig;
import perpwatch.functions.guards.GuardsWarmup;

/**
 * SnapStart priming: before the snapshot, the code a guards request runs is loaded, initialised and run once, so a
 * function restored from it answers its first request warm; after the restore, Redis is connected again.
 *
 * <p>Nothing primed can reach an answer. Every singleton is created (their constructors read configuration and build
 * clients; none answers anything). The request pipeline is run on the thresholds route, which reads
 * configuration only; the guards computation runs on its own instances and made-up inputs ({@link GuardsWarmup});
 * Redis is only read ({@code PING} and a fingerprint of a key no one writes). The connection opened for that is
 * closed before the checkpoint: a socket does not survive a restore, and the first request would otherwise pay for
 * finding that out.
 */
public final class SnapStartPriming implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);
    /** Read by the priming only; nothing writes it. */
    static final String UNWRITTEN_KEY = "perpwatch:snapstart:priming";

    private final ApiGatewayHandler handler;

    SnapStartPriming(ApiGatewayHandler handler) {
        this.handler = handler;
    }

    /** Registers a priming for the handler with the JVM's checkpoint (a no-op registry where there is no CRaC). */
    static SnapStartPriming register(ApiGatewayHandler handler) {
        SnapStartPriming priming = new SnapStartPriming(handler);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        ApplicationContext app = handler.getApplicationContext();
        createSingletons(app);
        handler.handleRequest(
                ApiGatewayEvents.get("/api/engine/thresholds", "snapstart.priming.local", "snapstart-priming"), null);
        new GuardsWarmup(app.getBean(FunctionsConfig.class), app.getBean(Clock.class), app.getBean(JsonMapper.class))
                .run();
        RedisStreams redis = app.getBean(RedisStreams.class);
        try {
            redis.ping();
            redis.fingerprintAsync(List.of(UNWRITTEN_KEY), List.of(UNWRITTEN_KEY))
                    .join();
        } catch (RuntimeException e) {
            // Unreachable at snapshot time: its classes are still loaded, and the request connects after restore.
            LOG.info("snapstart priming: redis not read ({})", e.getMessage());
        } finally {
            redis.disconnect();
        }
    }

    /**
     * Every singleton, as Micronaut's Lambda default creates them at init: the cold start without SnapStart leaves
     * them to the first request that needs them ({@link ApiGatewayHandler}), but the snapshot should hold them, or
     * the webhook's and the market routes' first requests after a restore would build them. One that cannot be
     * built now is left to its first request, as without priming.
     */
    private static void createSingletons(ApplicationContext app) {
        for (BeanDefinition<?> definition : app.getBeanDefinitions(Qualifiers.byStereotype(Singleton.class))) {
            if (definition.isIterable() || definition.isAbstract()) {
                continue; // templates (@EachProperty, @EachBean): their instances come from the config, as at init
            }
            try {
                app.getBean(definition);
            } catch (RuntimeException e) {
                LOG.warn(
                        "snapstart priming: {} not created ({})",
                        definition.getBeanType().getName(),
                        e.getMessage());
            }
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Connect now, during the restore, not on the first request; if Redis is down the request tries again.
        if (!handler.getApplicationContext().getBean(RedisStreams.class).ping()) {
            LOG.warn("snapstart restore: redis did not answer PING; the first request connects again");
        }
    }
}
