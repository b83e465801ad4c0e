package perpwatch.functions.config;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.config.Env;
import perpwatch.core.config.SecretsManagerSource;
import perpwatch.core.kinesis.DurableLogMode;
import perpwatch.core.kinesis.KinesisRecordSink;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.redis.RedisTokenReader;
import perpwatch.functions.durable.DurableLog;
import perpwatch.functions.webhook.WebhookSecrets;

/**
 * Builds the config record and the Redis client once per application context. Variables are read through
 * Micronaut's environment, which sees real environment variables ({@code PERPWATCH_REDIS_URL}) and, for tests and
 * the embedded local cloud, the same names as properties ({@code perpwatch.redis.url}).
 */
@Factory
public class FunctionsFactory {
    private static final Logger LOG = LoggerFactory.getLogger(FunctionsFactory.class);

    @Singleton
    FunctionsConfig config(Environment environment) {
        Env env = env(environment);
        // In Lambda the Redis AUTH token and the Helius header come as *_SECRET_ARN: read from Secrets Manager here.
        return FunctionsConfig.fromEnv(env.withSecrets(SecretsManagerSource.fromEnv(env)));
    }

    /** The token is read again (from its secret, when it has one) if Redis refuses it: it may have been rotated. */
    @Singleton
    @Bean(preDestroy = "close")
    RedisStreams redisStreams(FunctionsConfig config, Environment environment) {
        Env env = env(environment);
        return new RedisStreams(
                config.redis(), RedisTokenReader.of(env, SecretsManagerSource.fromEnv(env), config.redis()));
    }

    /** The Helius webhook's accepted values (current and previous), re-read on a refused request. */
    @Singleton
    WebhookSecrets webhookSecrets(Environment environment) {
        Env env = env(environment);
        return WebhookSecrets.fromEnv(env, SecretsManagerSource.fromEnv(env));
    }

    private static Env env(Environment environment) {
        return new Env(name -> environment
                .getProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'), String.class)
                .orElse(null));
    }

    /** Kinesis unless {@code PERPWATCH_DURABLE_LOG=off}; the client is built on first use, not at start-up. */
    @Singleton
    DurableLog durableLog(FunctionsConfig config) {
        if (config.durableLog() == DurableLogMode.OFF) {
            LOG.warn("PERPWATCH_DURABLE_LOG=off: webhook events go to Redis only and will not reach the archive");
            return DurableLog.OFF;
        }
        KinesisRecordSink[] sink = new KinesisRecordSink[1];
        return records -> {
            synchronized (sink) {
                if (sink[0] == null) {
                    sink[0] = KinesisRecordSink.create(config.kinesis());
                }
            }
            sink[0].put(records);
        };
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
