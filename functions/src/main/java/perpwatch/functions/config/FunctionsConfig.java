package perpwatch.functions.config;

import perpwatch.core.config.Env;
import perpwatch.core.instrument.InstrumentRegistry;
import perpwatch.core.kinesis.KinesisConfig;
import perpwatch.core.redis.RedisConfig;
import perpwatch.functions.guards.GuardPolicy;
import perpwatch.functions.webhook.WebhookConfig;

/** Everything the HTTP functions read from configuration (see each part for its variables and defaults). */
public record FunctionsConfig(
        RedisConfig redis,
        InstrumentRegistry instruments,
        GuardPolicy guards,
        WebhookConfig webhook,
        KinesisConfig kinesis) {
    public static FunctionsConfig fromEnv(Env env) {
        return new FunctionsConfig(
                RedisConfig.fromEnv(env),
                InstrumentRegistry.fromEnv(env),
                GuardPolicy.fromEnv(env),
                WebhookConfig.fromEnv(env),
                KinesisConfig.fromEnv(env));
    }
}
