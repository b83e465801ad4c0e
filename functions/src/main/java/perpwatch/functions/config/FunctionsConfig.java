package perpwatch.functions.config;

import perpwatch.core.config.Env;
import perpwatch.core.instrument.InstrumentRegistry;
import perpwatch.core.kinesis.DurableLogMode;
import perpwatch.core.kinesis.KinesisConfig;
import perpwatch.core.redis.RedisConfig;
import perpwatch.functions.guards.GuardPolicy;
import perpwatch.functions.webhook.WebhookConfig;

/**
 * Everything the HTTP functions read from configuration (see each part for its variables and defaults).
 *
 * @param durableLog {@code PERPWATCH_DURABLE_LOG} ({@link DurableLogMode}): where webhook events and guard decisions
 *                   go besides Redis; {@code off} where no log exists, e.g. a bare local run
 * @param kinesis    the log's stream, read whatever the mode (unused when it is {@code off})
 */
public record FunctionsConfig(
        RedisConfig redis,
        InstrumentRegistry instruments,
        GuardPolicy guards,
        WebhookConfig webhook,
        DurableLogMode durableLog,
        KinesisConfig kinesis) {
    public static FunctionsConfig fromEnv(Env env) {
        return new FunctionsConfig(
                RedisConfig.fromEnv(env),
                InstrumentRegistry.fromEnv(env),
                GuardPolicy.fromEnv(env),
                WebhookConfig.fromEnv(env),
                DurableLogMode.fromEnv(env),
                KinesisConfig.fromEnv(env));
    }
}
