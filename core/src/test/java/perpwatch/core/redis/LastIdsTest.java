package perpwatch.core.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.testing.TestRedis;

/** {@link RedisStreams#lastIds} against a real Redis. */
class LastIdsTest {
    static TestRedis redis;
    static RedisStreams streams;

    @BeforeAll
    static void start() {
        redis = TestRedis.start();
        streams = new RedisStreams(redis.config());
    }

    @AfterAll
    static void stop() {
        streams.close();
        redis.close();
    }

    @Test
    void newestIdPerStreamInOrderWithNullForAMissingOne() {
        StreamKey a = new StreamKey("test:last:a", Duration.ofDays(1));
        StreamKey b = new StreamKey("test:last:b", Duration.ofDays(1));
        long now = System.currentTimeMillis();
        streams.add(a, Map.of("n", "1"), now);
        String newestA = streams.add(a, Map.of("n", "2"), now);
        String newestB = streams.add(b, Map.of("n", "1"), now);

        assertEquals(
                Arrays.asList(newestA, null, newestB),
                streams.lastIds(List.of(a.name(), "test:last:missing", b.name())));
        assertEquals(streams.last(a).orElseThrow().id(), newestA);
    }

    @Test
    void anIdChangesWhenItsStreamGrowsAndOnlyThen() {
        StreamKey a = new StreamKey("test:last:grow-a", Duration.ofDays(1));
        StreamKey b = new StreamKey("test:last:grow-b", Duration.ofDays(1));
        long now = System.currentTimeMillis();
        streams.add(a, Map.of("n", "1"), now);
        streams.add(b, Map.of("n", "1"), now);
        List<String> keys = List.of(a.name(), b.name());
        List<String> before = streams.lastIds(keys);
        assertEquals(before, streams.lastIds(keys), "unchanged streams, unchanged ids");

        streams.add(b, Map.of("n", "2"), now);
        List<String> after = streams.lastIds(keys);
        assertEquals(before.get(0), after.get(0));
        assertNotEquals(before.get(1), after.get(1));
    }

    @Test
    void anEmptiedStreamIsNullAndNoKeysIsNoCall() {
        StreamKey a = new StreamKey("test:last:emptied", Duration.ofDays(1));
        String id = streams.add(a, Map.of("n", "1"), System.currentTimeMillis());
        assertEquals(List.of(id), streams.lastIds(List.of(a.name())));
        try (var client = io.lettuce.core.RedisClient.create(redis.url());
                var raw = client.connect()) {
            raw.sync().xdel(a.name(), id); // the stream key remains, with no entry
            raw.sync().set("test:last:not-a-stream", "x");
        }
        assertEquals(Arrays.asList((String) null), streams.lastIds(List.of(a.name())));
        assertEquals(List.of(), streams.lastIds(List.of()));
        assertThrows(
                StoreUnavailableException.class,
                () -> streams.lastIds(List.of("test:last:not-a-stream")),
                "a key of the wrong type is an error, not an empty stream");
    }

    @Test
    void aFingerprintIsTheStreamsNewestIdsThenThePlainKeysValues() {
        StreamKey a = new StreamKey("test:fp:a", Duration.ofDays(1));
        long now = System.currentTimeMillis();
        String id = streams.add(a, Map.of("n", "1"), now);
        streams.heartbeat("test:fp:beat", 42, Duration.ofSeconds(60));
        assertEquals(
                Arrays.asList(id, null, "42", null),
                streams.fingerprint(List.of(a.name(), "test:fp:none"), List.of("test:fp:beat", "test:fp:absent")));
        streams.heartbeat("test:fp:beat", 43, Duration.ofSeconds(60));
        assertNotEquals(
                Arrays.asList(id, null, "42", null),
                streams.fingerprint(List.of(a.name(), "test:fp:none"), List.of("test:fp:beat", "test:fp:absent")),
                "a new beat changes it");
        assertEquals(List.of(), streams.fingerprint(List.of(), List.of()));
    }

    @Test
    void theAsyncFingerprintIsTheSameAndLoadsItsScriptWhenRedisLostIt() throws Exception {
        StreamKey a = new StreamKey("test:fp-async:a", Duration.ofDays(1));
        String id = streams.add(a, Map.of("n", "1"), System.currentTimeMillis());
        streams.heartbeat("test:fp-async:beat", 7, Duration.ofSeconds(60));
        List<String> streamKeys = List.of(a.name(), "test:fp-async:none");
        List<String> plain = List.of("test:fp-async:beat", "test:fp-async:absent");
        List<String> expected = Arrays.asList(id, null, "7", null);
        assertEquals(expected, streams.fingerprintAsync(streamKeys, plain).get(5, TimeUnit.SECONDS));
        try (var client = io.lettuce.core.RedisClient.create(redis.url());
                var raw = client.connect()) {
            raw.sync().scriptFlush(); // the next EVALSHA answers NOSCRIPT
            raw.sync().set("test:fp-async:not-a-stream", "x");
        }
        assertEquals(expected, streams.fingerprintAsync(streamKeys, plain).get(5, TimeUnit.SECONDS));
        assertEquals(
                streams.fingerprint(streamKeys, plain),
                streams.fingerprintAsync(streamKeys, plain).get());
        assertEquals(List.of(), streams.fingerprintAsync(List.of(), List.of()).get());
        ExecutionException wrongType = assertThrows(
                ExecutionException.class,
                () -> streams.fingerprintAsync(List.of("test:fp-async:not-a-stream"), List.of())
                        .get(5, TimeUnit.SECONDS));
        assertInstanceOf(StoreUnavailableException.class, wrongType.getCause(), "failed as the blocking call throws");
    }
}
