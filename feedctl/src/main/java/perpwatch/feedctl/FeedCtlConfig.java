package perpwatch.feedctl;

import java.net.URI;
import java.util.Optional;
import perpwatch.core.config.Env;
import perpwatch.core.config.SecretsManagerSource;
import perpwatch.core.instrument.InstrumentRegistry;
import perpwatch.core.redis.RedisConfig;

/**
 * What feedctl talks to.
 *
 * @param stage       {@code PERPWATCH_STAGE} (unset: the local cloud, Redis only): the CDK stage whose ECS cluster
 *                    ({@code perpwatch-<stage>-feeds}) and rollup Lambda ({@code perpwatch-<stage>-rollup:live}) it
 *                    drives
 * @param awsEndpoint {@code PERPWATCH_AWS_ENDPOINT}: ECS and Lambda at an emulator (LocalStack after {@code cdklocal
 * deploy})
 * @param region      {@code AWS_REGION} (us-east-1)
 * @param redis       {@code PERPWATCH_REDIS_URL}, {@code PERPWATCH_REDIS_AUTH} or {@code
 * PERPWATCH_REDIS_AUTH_SECRET_ARN}
 */
public record FeedCtlConfig(
        Optional<String> stage,
        Optional<URI> awsEndpoint,
        String region,
        RedisConfig redis,
        InstrumentRegistry instruments) {
    public static FeedCtlConfig fromEnv(Env base) {
        Env env = base.withSecrets(SecretsManagerSource.fromEnv(base));
        return new FeedCtlConfig(
                Optional.ofNullable(env.string("PERPWATCH_STAGE", null)),
                Optional.ofNullable(env.string("PERPWATCH_AWS_ENDPOINT", null)).map(URI::create),
                env.string("AWS_REGION", "us-east-1"),
                RedisConfig.fromEnv(env),
                InstrumentRegistry.fromEnv(env));
    }

    public String cluster() {
        return "perpwatch-" + stage.orElseThrow() + "-feeds";
    }

    public String rollupFunction() {
        return "perpwatch-" + stage.orElseThrow() + "-rollup";
    }
}
