package perpwatch.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import perpwatch.core.redis.RedisConfig;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.redis.StoreUnavailableException;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.testing.TestRedis;

/**
 * {@code NAME_SECRET_ARN} → the secret's value as {@code NAME}. The secret store here is a map; Secrets Manager
 * itself is exercised by the LocalStack integration test (skipped without a Docker engine).
 */
class SecretEnvTest {
    static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:perpwatch-dev-redis-auth-AbCdEf";

    @Test
    void anUnsetVariableIsReadOnceFromTheSecretItsArnNames() {
        List<String> reads = new ArrayList<>();
        Env env = Env.of(Map.of("PERPWATCH_REDIS_AUTH_SECRET_ARN", ARN)).withSecrets(arn -> {
            reads.add(arn);
            return "s3cr3t";
        });
        assertEquals("s3cr3t", env.string("PERPWATCH_REDIS_AUTH", null));
        assertEquals("s3cr3t", env.string("PERPWATCH_REDIS_AUTH", null));
        assertEquals(List.of(ARN), reads);
        assertEquals(null, env.string("PERPWATCH_HELIUS_AUTH", null), "no ARN, no secret");
    }

    @Test
    void aValueSetDirectlyWinsAndNothingIsRead() {
        Env env = Env.of(Map.of("PERPWATCH_REDIS_AUTH", "direct", "PERPWATCH_REDIS_AUTH_SECRET_ARN", ARN))
                .withSecrets(arn -> {
                    throw new AssertionError("read " + arn);
                });
        assertEquals("direct", env.string("PERPWATCH_REDIS_AUTH", null));
    }

    @Test
    void anUnreadableSecretFailsWithTheVariablesName() {
        Env env = Env.of(Map.of("PERPWATCH_HELIUS_AUTH_SECRET_ARN", ARN)).withSecrets(arn -> {
            throw new IllegalStateException("AccessDeniedException");
        });
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> env.string("PERPWATCH_HELIUS_AUTH", null));
        assertTrue(
                e.getMessage().startsWith("PERPWATCH_HELIUS_AUTH_SECRET_ARN: cannot read secret " + ARN),
                e.getMessage());
    }

    @Test
    void theTokenFromTheSecretAuthenticatesToARedisThatRequiresIt() {
        try (TestRedis redis = TestRedis.startWithPassword("tok3n")) {
            Env env = Env.of(Map.of("PERPWATCH_REDIS_URL", redis.url(), "PERPWATCH_REDIS_AUTH_SECRET_ARN", ARN))
                    .withSecrets(arn -> "tok3n");
            RedisConfig config = RedisConfig.fromEnv(env);
            assertTrue(
                    config.toString().contains("auth=***") && !config.toString().contains("tok3n"), "never printed");
            StreamKey key = new StreamKey("test:auth", Duration.ofHours(1));
            try (RedisStreams streams = new RedisStreams(config)) {
                streams.add(key, Map.of("v", "1"), System.currentTimeMillis());
            }
            try (RedisStreams noAuth = new RedisStreams(new RedisConfig(redis.url(), Duration.ofSeconds(1)))) {
                assertThrows(
                        StoreUnavailableException.class,
                        () -> noAuth.add(key, Map.of("v", "2"), System.currentTimeMillis()));
            }
        }
    }
}
