package perpwatch.core.redis;

import java.util.Optional;
import java.util.function.Supplier;
import perpwatch.core.config.Env;
import perpwatch.core.config.SecretSource;

/**
 * How {@link RedisStreams} reads the AUTH token again when Redis refuses it: from the secret named by
 * {@code PERPWATCH_REDIS_AUTH_SECRET_ARN} (its current version, which a rotation has moved), or, when the token was
 * given directly (ECS injects it into the environment at task start), the same value: only a new task sees a new one.
 */
public final class RedisTokenReader {
    private RedisTokenReader() {}

    public static Supplier<Optional<String>> of(Env env, SecretSource secrets, RedisConfig config) {
        String arn = env.string(RedisConfig.AUTH_ENV + Env.SECRET_ARN_SUFFIX, null);
        if (env.string(RedisConfig.AUTH_ENV, null) != null || arn == null) {
            return config::auth;
        }
        return () -> secrets.secretString(arn, SecretSource.CURRENT);
    }
}
