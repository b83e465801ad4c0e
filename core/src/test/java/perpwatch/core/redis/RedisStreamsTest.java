package perpwatch.core.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import perpwatch.core.stream.StreamEntry;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.testing.TestRedis;

class RedisStreamsTest {
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
    void writesReadsAndTrimsByAgeAtWriteTime() throws InterruptedException {
        StreamKey key = new StreamKey("test:trim", Duration.ofSeconds(1));
        for (int i = 0; i < 200; i++) {
            streams.add(key, Map.of("i", Integer.toString(i)), System.currentTimeMillis());
        }
        assertEquals(200, streams.length(key));
        assertEquals("199", streams.last(key).orElseThrow().field("i"));

        Thread.sleep(1_100);
        streams.add(key, Map.of("i", "later"), System.currentTimeMillis());
        assertTrue(streams.length(key) < 201, "MINID ~ trimmed entries older than the retention");
        assertEquals("later", streams.last(key).orElseThrow().field("i"));
    }

    @Test
    void rangeIsByEntryIdTime() {
        StreamKey key = new StreamKey("test:range", Duration.ofDays(1));
        long before = System.currentTimeMillis();
        streams.add(key, Map.of("n", "1"), before);
        streams.add(key, Map.of("n", "2"), before);
        long after = System.currentTimeMillis();
        List<StreamEntry> entries = streams.range(key, before - 1, after + 1, 100);
        assertEquals(List.of("1", "2"), entries.stream().map(e -> e.field("n")).toList());
        assertTrue(entries.get(0).idTimeMs() >= before - 1);
        assertTrue(streams.range(key, 0, before - 10_000, 100).isEmpty());
        assertTrue(streams.last(new StreamKey("test:none", Duration.ofDays(1))).isEmpty());
    }

    @Test
    void countIsByEntryIdTimeAndStopsAtTheCap() {
        StreamKey key = new StreamKey("test:count", Duration.ofDays(1));
        long before = System.currentTimeMillis();
        for (int i = 0; i < 30; i++) {
            streams.add(key, Map.of("i", Integer.toString(i)), before);
        }
        long after = System.currentTimeMillis();
        assertEquals(30, streams.count(key, before - 1, after + 1, 1_000));
        assertEquals(12, streams.count(key, before - 1, after + 1, 12), "counting stops at the cap");
        assertEquals(0, streams.count(key, 0, before - 10_000, 1_000), "nothing in an earlier window");
        assertEquals(
                0,
                streams.count(new StreamKey("test:count-none", Duration.ofDays(1)), 0, after, 10),
                "a missing stream counts 0");
        assertThrows(IllegalArgumentException.class, () -> streams.count(key, 0, after, 0));
    }

    @Test
    void pagedRangeVisitsEveryEntryOnceEvenWithinOneMillisecond() {
        StreamKey key = new StreamKey("test:paged", Duration.ofDays(1));
        long before = System.currentTimeMillis();
        for (int i = 0; i < 257; i++) {
            streams.add(key, Map.of("i", Integer.toString(i)), before);
        }
        List<String> seen = new java.util.ArrayList<>();
        streams.forEachInRange(key, before - 1, System.currentTimeMillis() + 1, 10, e -> seen.add(e.field("i")));
        assertEquals(257, seen.size());
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(Integer.toString(i), seen.get(i), "in order, none repeated");
        }
    }

    @Test
    void appendOnceWritesAnEventOnceEvenUnderConcurrency() throws Exception {
        StreamKey key = new StreamKey("test:once", Duration.ofDays(1));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> streams.appendOnce(
                            key,
                            List.of(
                                    new RedisStreams.OnceEntry("seen:sig-1", Map.of("signature", "sig-1")),
                                    new RedisStreams.OnceEntry("seen:sig-2", Map.of("signature", "sig-2"))),
                            Duration.ofMinutes(5),
                            System.currentTimeMillis())
                    .get(0)));
        }
        int appended = 0;
        for (var r : results) {
            appended += r.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, appended);
        assertEquals(2, streams.length(key), "each signature once, whichever thread wrote it");
        assertEquals(List.of(true, true, false), streams.seen(key, List.of("seen:sig-1", "seen:sig-2", "seen:sig-3")));
        assertEquals(
                List.of("sig-1", "sig-2"),
                streams.range(key, 0, Long.MAX_VALUE, 10).stream()
                        .map(e -> e.field("signature"))
                        .toList());
    }

    @Test
    void unreachableRedisIsOneClearException() {
        try (RedisStreams nowhere = new RedisStreams(RedisConfig.local(TestRedis.freePort()))) {
            StreamKey key = new StreamKey("x", Duration.ofDays(1));
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> nowhere.last(key));
            assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
            assertFalse(nowhere.ping());
        }
    }

    @Test
    void bufferedWriterKeepsRecordsThroughAnOutageAndDrainsInOrder() throws Exception {
        try (TestRedis own = TestRedis.start();
                RedisStreams ownStreams = new RedisStreams(own.config())) {
            StreamKey key = new StreamKey("test:buffer", Duration.ofDays(1));
            BufferedStreamWriter writer = new BufferedStreamWriter(ownStreams, 3, System::currentTimeMillis);
            assertTrue(writer.write(key, Map.of("n", "0")));

            own.stop();
            assertFalse(writer.write(key, Map.of("n", "1")));
            assertFalse(writer.write(key, Map.of("n", "2")));
            assertFalse(writer.write(key, Map.of("n", "3")));
            assertFalse(writer.write(key, Map.of("n", "4")));
            assertEquals(3, writer.backlog());
            assertEquals(1, writer.dropped(), "the bound was hit once, and that loss is counted");

            own.startServer();
            long deadline = System.currentTimeMillis() + 10_000;
            while (!writer.flush() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, writer.backlog());
            // Redis came back empty (no persistence): what the writer held is exactly what is there now.
            assertEquals(
                    List.of("2", "3", "4"),
                    ownStreams.range(key, 0, Long.MAX_VALUE, 10).stream()
                            .map(e -> e.field("n"))
                            .toList());
        }
    }

    @Test
    void aStreamIsCappedAtAboutALength() {
        StreamKey capped = new StreamKey("test:cap", Duration.ofDays(30));
        long now = System.currentTimeMillis();
        for (int i = 0; i < 2_000; i++) {
            streams.add(capped, Map.of("n", Integer.toString(i)), now);
        }
        long removed = streams.trimToLength(capped, 500);
        long left = streams.length(capped);
        assertEquals(2_000, removed + left);
        assertTrue(left >= 500 && left < 2_000, "approximate: never fewer than asked, " + left);
    }

    @Test
    void theNewestEntryOfManyStreamsInOneRoundTripEqualsOneByOne() {
        StreamKey a = new StreamKey("test:lastall:a", Duration.ofDays(1));
        StreamKey b = new StreamKey("test:lastall:b", Duration.ofDays(1));
        StreamKey none = new StreamKey("test:lastall:none", Duration.ofDays(1));
        long now = System.currentTimeMillis();
        streams.add(a, Map.of("n", "1"), now);
        streams.add(a, Map.of("n", "2"), now);
        streams.add(b, Map.of("n", "3"), now);
        List<java.util.Optional<StreamEntry>> all = streams.lastAll(List.of(a, none, b));
        assertEquals(List.of(streams.last(a), java.util.Optional.empty(), streams.last(b)), all);
        assertEquals("2", all.get(0).orElseThrow().field("n"));
        assertEquals(List.of(), streams.lastAll(List.of()));
    }
}
