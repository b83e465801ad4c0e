package perpwatch.core.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.testing.TestRedis;

/**
 * A rotated Redis AUTH token, against a real redis-server whose {@code requirepass} is changed at run time: a
 * {@code WRONGPASS} makes {@link RedisStreams} read the token again (once) and carry on with the new one.
 */
class RedisTokenRotationTest {
    private static final StreamKey KEY = new StreamKey("test:rotation", Duration.ofHours(1));

    /** Secrets Manager, as far as the client can tell: the current value, and how often it was asked. */
    private static final class SecretStore implements Supplier<Optional<String>> {
        final AtomicReference<String> value;
        final AtomicInteger reads = new AtomicInteger();

        SecretStore(String value) {
            this.value = new AtomicReference<>(value);
        }

        @Override
        public Optional<String> get() {
            reads.incrementAndGet();
            return Optional.of(value.get());
        }
    }

    @Test
    void aTokenRotatedUnderALiveConnectionIsReadAgainOnceAndWritesCarryOn() throws Exception {
        try (TestRedis server = TestRedis.startWithPassword("old-token")) {
            SecretStore secret = new SecretStore("old-token");
            RedisConfig config = new RedisConfig(server.url(), Duration.ofMillis(500), Optional.of("old-token"));
            try (RedisStreams redis = new RedisStreams(config, secret)) {
                redis.add(KEY, Map.of("n", "1"), System.currentTimeMillis());

                rotate(server, "old-token", "new-token");
                secret.value.set("new-token");

                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                boolean written = false;
                while (!written && System.nanoTime() < deadline) {
                    try {
                        redis.add(KEY, Map.of("n", "2"), System.currentTimeMillis());
                        written = true;
                    } catch (StoreUnavailableException e) {
                        Thread.sleep(50);
                    }
                }
                assertTrue(written, "writes resumed with the re-read token");
                assertEquals(1, secret.reads.get(), "read again once");
            }
        }
    }

    @Test
    void aProcessStartedWithTheOldTokenReadsItAgainOnItsFirstWrongpass() {
        try (TestRedis server = TestRedis.startWithPassword("new-token")) {
            SecretStore secret = new SecretStore("new-token");
            RedisConfig stale = new RedisConfig(server.url(), Duration.ofMillis(500), Optional.of("old-token"));
            try (RedisStreams redis = new RedisStreams(stale, secret)) {
                redis.add(KEY, Map.of("n", "1"), System.currentTimeMillis());
                assertEquals(1, secret.reads.get());
            }
        }
    }

    @Test
    void aTokenThatStaysWrongFailsClosedAndIsNotReadAgainOnEveryCall() {
        try (TestRedis server = TestRedis.startWithPassword("right-token")) {
            SecretStore secret = new SecretStore("still-wrong");
            RedisConfig wrong = new RedisConfig(server.url(), Duration.ofMillis(500), Optional.of("wrong-token"));
            try (RedisStreams redis = new RedisStreams(wrong, secret)) {
                for (int i = 0; i < 20; i++) {
                    StoreUnavailableException e = assertThrows(
                            StoreUnavailableException.class,
                            () -> redis.add(KEY, Map.of("n", "1"), System.currentTimeMillis()));
                    assertTrue(!e.getMessage().contains("wrong-token")
                            && !e.getMessage().contains("still-wrong"));
                }
                assertEquals(1, secret.reads.get(), "at most one re-read a minute, however many calls fail");
            }
        }
    }

    /** ElastiCache's rotation, in one server: the new password, and the old connections cut. */
    private static void rotate(TestRedis server, String from, String to) {
        RedisClient admin = RedisClient.create();
        try (StatefulRedisConnection<String, String> c = admin.connect(RedisURI.builder()
                .withHost("127.0.0.1")
                .withPort(server.port())
                .withPassword(from.toCharArray())
                .build())) {
            c.sync().configSet("requirepass", to);
            c.sync().clientKill(KillArgs.Builder.typeNormal().skipme(false));
        } catch (RedisException e) {
            // CLIENT KILL ... SKIPME no cuts this connection too, which may fail the close
        } finally {
            admin.shutdown();
        }
    }
}
