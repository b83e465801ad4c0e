package perpwatch.core.redis;

import java.time.Duration;
import java.util.Optional;
import perpwatch.core.config.Env;

/**
 * Where Redis is and how long we wait for it.
 *
 * @param url            {@code PERPWATCH_REDIS_URL}, default {@code redis://127.0.0.1:6379} (use {@code rediss://} for
 * TLS)
 * @param commandTimeout {@code PERPWATCH_REDIS_TIMEOUT}, default 500 ms: a guard answers "unavailable" quickly rather
 * than hang
 * @param auth           {@code PERPWATCH_REDIS_AUTH} (or the secret named by {@code PERPWATCH_REDIS_AUTH_SECRET_ARN}):
 *                       the AUTH token, kept out of the URL so the URL can be logged
 */
public record RedisConfig(String url, Duration commandTimeout, Optional<String> auth) {
    public static final String URL_ENV = "PERPWATCH_REDIS_URL";
    public static final String TIMEOUT_ENV = "PERPWATCH_REDIS_TIMEOUT";
    public static final String AUTH_ENV = "PERPWATCH_REDIS_AUTH";

    public RedisConfig(String url, Duration commandTimeout) {
        this(url, commandTimeout, Optional.empty());
    }

    public static RedisConfig fromEnv(Env env) {
        return new RedisConfig(
                env.string(URL_ENV, "redis://127.0.0.1:6379"),
                env.duration(TIMEOUT_ENV, Duration.ofMillis(500)),
                Optional.ofNullable(env.string(AUTH_ENV, null)));
    }

    public static RedisConfig local(int port) {
        return new RedisConfig("redis://127.0.0.1:" + port, Duration.ofMillis(500));
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "RedisConfig[url=" + url + ", commandTimeout=" + commandTimeout + ", auth="
                + (auth.isPresent() ? "***" : "none") + "]";
    }
}
