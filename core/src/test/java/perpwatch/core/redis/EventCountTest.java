package perpwatch.core.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import perpwatch.core.redis.EventCount.Stop;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.testing.TestRedis;

/**
 * {@link RedisStreams#countByEventTime} against a real Redis. Most entries are written with explicit ids through a
 * raw connection, so "when Redis accepted it" and "when it happened" can be set apart without waiting on a clock.
 */
class EventCountTest {
    static TestRedis redis;
    static RedisStreams streams;
    static RedisClient rawClient;
    static StatefulRedisConnection<String, String> raw;

    @BeforeAll
    static void start() {
        redis = TestRedis.start();
        streams = new RedisStreams(redis.config());
        rawClient = RedisClient.create(redis.url());
        raw = rawClient.connect();
    }

    @AfterAll
    static void stop() {
        raw.close();
        rawClient.shutdown();
        streams.close();
        redis.close();
    }

    private static StreamKey key(String name) {
        return new StreamKey("test:events:" + name, Duration.ofDays(7));
    }

    /** Appends an entry with id {@code idMs-seq}, event time {@code ts} (raw text, or absent when null). */
    private static void put(StreamKey key, String id, String venue, String ts) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (venue != null) {
            fields.put("venue", venue);
        }
        fields.put("side", "long");
        if (ts != null) {
            fields.put("ts", ts);
        }
        raw.sync().xadd(key.name(), new XAddArgs().id(id), fields);
    }

    @Test
    void anOldEventWrittenWithAFreshIdIsNotCounted() {
        StreamKey key = new StreamKey("test:events:fresh-ids", Duration.ofDays(7));
        long now = System.currentTimeMillis();
        // A feed flushing its backlog after an outage: Redis gives every entry a fresh id, the ts stays old.
        for (int i = 0; i < 20; i++) {
            streams.add(
                    key,
                    Map.of(
                            "venue",
                            "binance",
                            "ts",
                            Long.toString(now - Duration.ofMinutes(30).toMillis() + i)),
                    now);
        }
        streams.add(key, Map.of("venue", "okx", "ts", Long.toString(now - 1_000)), now);

        long from = now - Duration.ofMinutes(5).toMillis();
        EventCount count = streams.countByEventTime(key, from, now + 60_000, 1_000);
        assertEquals(1, count.total(), "only the event that happened in the window");
        assertEquals(Map.of("okx", 1), count.byVenue());
        assertEquals(0, count.unreadable());
        assertEquals(Stop.EXHAUSTED, count.stop());
        assertFalse(count.capped());
        assertEquals(21, count.scanned(), "the backlog sits at the newest end, so it is read and rejected");
        assertEquals(
                21, streams.count(key, from, now + 60_000, 1_000), "counting by id time would have counted them all");
    }

    @Test
    void countsPerVenueInsideTheWindowBounds() {
        StreamKey key = key("venues");
        put(key, "10000-0", "binance", "10000");
        put(key, "10001-0", "okx", "10001");
        put(key, "10002-0", "bybit", "10002");
        put(key, "10003-0", "binance", "10003");
        put(key, "10004-0", "okx", "20000"); // inclusive upper bound
        put(key, "10005-0", "bybit", "20001"); // after the window
        put(key, "10006-0", "binance", "9999"); // before the window
        put(key, "10007-0", null, "15000"); // no venue field
        EventCount count = streams.countByEventTime(key, 10_000, 20_000, 1_000, Duration.ZERO);
        assertEquals(6, count.total());
        assertEquals(Map.of("binance", 2, "okx", 2, "bybit", 1, EventCount.NO_VENUE, 1), count.byVenue());
        assertEquals(2, count.venue("okx"));
        assertEquals(0, count.venue("kraken"));
        assertEquals(Stop.EXHAUSTED, count.stop());
    }

    @Test
    void stopsAtTheCapAndSaysSo() {
        StreamKey key = key("cap");
        for (int i = 0; i < 30; i++) {
            put(key, (50_000 + i) + "-0", i % 2 == 0 ? "binance" : "bybit", Integer.toString(50_000 + i));
        }
        EventCount capped = streams.countByEventTime(key, 50_000, 60_000, 12, Duration.ZERO);
        assertEquals(12, capped.total());
        assertEquals(Stop.CAP_REACHED, capped.stop());
        assertTrue(capped.capped());
        assertEquals(12, capped.scanned(), "stops reading at the cap");
        assertEquals(12, capped.venue("binance") + capped.venue("bybit"), "the newest 12, split by venue");

        EventCount all = streams.countByEventTime(key, 50_000, 60_000, 1_000, Duration.ZERO);
        assertEquals(30, all.total());
        assertEquals(Map.of("binance", 15, "bybit", 15), all.byVenue());
        assertFalse(all.capped());
    }

    @Test
    void pagesThroughMoreThanOnePageWithinOneMillisecond() {
        StreamKey key = key("pages");
        int n = RedisStreams.EVENT_COUNT_PAGE * 2 + 7;
        for (int i = 0; i < n; i++) {
            put(key, "70000-" + (i + 1), "okx", "70000");
        }
        EventCount count = streams.countByEventTime(key, 70_000, 70_000, 10_000, Duration.ZERO);
        assertEquals(n, count.total(), "every entry once across page boundaries, sequences sharing a millisecond");
        assertEquals(n, count.scanned());
        assertEquals(Stop.EXHAUSTED, count.stop());
    }

    @Test
    void theScanLimitTruncatesAWindowBuriedUnderEntriesOutsideIt() {
        StreamKey key = key("limit");
        int cap = 5;
        put(key, "30000-0", "bybit", "30000");
        // Newer ids, event times long before the window: a flushed backlog larger than the scan limit.
        int buried = cap * RedisStreams.EVENT_COUNT_SCAN_PER_CAP;
        for (int i = 0; i < buried; i++) {
            put(key, (31_000 + i) + "-0", "binance", "100");
        }
        EventCount truncated = streams.countByEventTime(key, 30_000, 40_000, cap, Duration.ZERO);
        assertEquals(0, truncated.total());
        assertEquals(Stop.SCAN_LIMIT_REACHED, truncated.stop(), "an entry was left unread: 0 is not a count");
        assertTrue(truncated.capped());
        assertEquals(buried, truncated.scanned());

        StreamKey exact = key("limit-exact");
        for (int i = 0; i < buried; i++) {
            put(exact, (31_000 + i) + "-0", "binance", "100");
        }
        EventCount complete = streams.countByEventTime(exact, 30_000, 40_000, cap, Duration.ZERO);
        assertEquals(Stop.EXHAUSTED, complete.stop(), "reading exactly the limit with nothing left is complete");
    }

    @Test
    void theIdLowerBoundIsFromMinusTheSlack() {
        StreamKey key = key("slack");
        // Venue clock ahead of Redis's: the entry's id (Redis time) is 30 s before its ts.
        put(key, "70000-0", "okx", "100000");
        put(key, "100500-0", "binance", "100001");
        assertEquals(
                1,
                streams.countByEventTime(key, 100_000, 200_000, 100, Duration.ZERO)
                        .total(),
                "without slack the scan stops at id 100000, above the okx entry");
        assertEquals(
                1,
                streams.countByEventTime(key, 100_000, 200_000, 100, Duration.ofSeconds(29))
                        .total());
        EventCount withSlack = streams.countByEventTime(key, 100_000, 200_000, 100, Duration.ofSeconds(30));
        assertEquals(Map.of("okx", 1, "binance", 1), withSlack.byVenue(), "the bound is inclusive: id 70000 is read");
        assertEquals(2, streams.countByEventTime(key, 100_000, 200_000, 100).total(), "the default slack is a minute");
        assertEquals(Duration.ofMinutes(1), RedisStreams.DEFAULT_ID_SLACK);
        // A slack reaching before the epoch starts at id 0.
        assertEquals(
                2,
                streams.countByEventTime(key, 100_000, 200_000, 100, Duration.ofDays(1))
                        .total());
    }

    @Test
    void aMissingOrUnreadableTsIsCountedApart() {
        StreamKey key = key("unreadable");
        put(key, "80000-0", "okx", "80000");
        put(key, "80001-0", "okx", null);
        put(key, "80002-0", "bybit", "");
        put(key, "80003-0", "bybit", "8.0e4");
        put(key, "80004-0", "binance", "-80000");
        put(key, "80005-0", "binance", " 80000");
        put(key, "80006-0", "binance", "80000.5");
        EventCount count = streams.countByEventTime(key, 0, 90_000, 100, Duration.ZERO);
        assertEquals(1, count.total());
        assertEquals(Map.of("okx", 1), count.byVenue());
        assertEquals(6, count.unreadable());
        assertEquals(7, count.scanned());
    }

    @Test
    void aMissingStreamCountsNothingAndBadArgumentsAreRejected() {
        StreamKey none = key("none");
        EventCount count = streams.countByEventTime(none, 0, 1_000, 10);
        assertEquals(new EventCount(0, Map.of(), 0, 0, Stop.EXHAUSTED), count);
        assertThrows(IllegalArgumentException.class, () -> streams.countByEventTime(none, 0, 1_000, 0));
        assertThrows(IllegalArgumentException.class, () -> streams.countByEventTime(none, 2_000, 1_000, 10));
        assertThrows(
                IllegalArgumentException.class,
                () -> streams.countByEventTime(none, 0, 1_000, 10, Duration.ofSeconds(-1)));
    }

    @Test
    void aFlushedScriptCacheIsReloaded() {
        StreamKey key = key("noscript");
        put(key, "90000-0", "okx", "90000");
        assertEquals(
                1, streams.countByEventTime(key, 0, 100_000, 10, Duration.ZERO).total());
        raw.sync().scriptFlush(); // as after a restart or failover
        assertEquals(
                1, streams.countByEventTime(key, 0, 100_000, 10, Duration.ZERO).total());
    }
}
