package perpwatch.functions.config;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Locale;
import perpwatch.core.config.Env;
import perpwatch.core.redis.RedisStreams;

/**
 * Builds the config record and the Redis client once per application context. Variables are read through
 * Micronaut's environment, which sees real environment variables ({@code PERPWATCH_REDIS_URL}) and, for tests and
 * the embedded local cloud, the same names as properties ({@code perpwatch.redis.url}).
 */
@Factory
public class FunctionsFactory {

    @Singleton
    FunctionsConfig config(Environment environment) {
        return FunctionsConfig.fromEnv(new Env(name ->
                environment.getProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'), String.class).orElse(null)));
    }

    @Singleton
    @Bean(preDestroy = "close")
    RedisStreams redisStreams(FunctionsConfig config) {
        return new RedisStreams(config.redis());
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
