package perpwatch.feeds.pulse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import perpwatch.core.redis.BufferedStreamWriter;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.testing.TestRedis;
import perpwatch.feeds.FeedTask;

/** Records written to a real Redis become EMF lines; the liveness file is touched only while the task progresses. */
class FeedPulseTest {
    @TempDir
    Path dir;

    @Test
    void writesBecomeEmfLinesAndProgressKeepsTheLivenessFileFresh() throws Exception {
        AtomicLong now = new AtomicLong(1_700_000_000_000L);
        Path alive = dir.resolve("alive");
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        StreamKey key = new StreamKey("market:solusdt:price", Duration.ofHours(1));
        try (TestRedis redis = TestRedis.start();
                RedisStreams streams = new RedisStreams(redis.config())) {
            WriteTally tally = new WriteTally();
            BufferedStreamWriter writer = tally.track(new BufferedStreamWriter(streams, 10, now::get));
            FeedPulse pulse = new FeedPulse(
                    List.of(new FeedPulse.Watched("binance-trades", List.of(new QuietTask()), tally)),
                    new PulseConfig(
                            Optional.of("Perpwatch/test"),
                            Optional.of(alive),
                            Duration.ofMinutes(5),
                            Duration.ofSeconds(15)),
                    new PrintStream(lines, true, StandardCharsets.UTF_8),
                    now::get);

            for (int i = 0; i < 3; i++) {
                writer.write(
                        key,
                        Map.of(
                                "price",
                                "187.0" + i,
                                "ts",
                                Long.toString(now.get()),
                                "recv_ts",
                                Long.toString(now.get())));
            }
            now.addAndGet(15_000);
            assertTrue(pulse.tick());
            assertEquals(now.get(), Files.getLastModifiedTime(alive).toMillis());

            JsonNode line = new ObjectMapper()
                    .readTree(lines.toString(StandardCharsets.UTF_8).strip());
            assertEquals(3, line.get("RecordsWritten").asLong());
            assertEquals("binance-trades", line.get("Task").asText());
            JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
            assertEquals("Perpwatch/test", directive.get("Namespace").asText());
            assertEquals("Task", directive.get("Dimensions").get(0).get(0).asText());
            assertEquals(
                    "RecordsWritten",
                    directive.get("Metrics").get(0).get("Name").asText());
            assertEquals(now.get(), line.get("_aws").get("Timestamp").asLong());

            // Silent, but within the budget: still alive, and the metric says 0 (not missing).
            lines.reset();
            now.addAndGet(Duration.ofMinutes(4).toMillis());
            assertTrue(pulse.tick());
            assertEquals(
                    0,
                    new ObjectMapper()
                            .readTree(lines.toString(StandardCharsets.UTF_8).strip())
                            .get("RecordsWritten")
                            .asLong());
            long lastTouch = now.get();

            // Past the budget: the file is left to age, so the container health check fails.
            now.addAndGet(Duration.ofMinutes(2).toMillis());
            assertFalse(pulse.tick());
            assertEquals(lastTouch, Files.getLastModifiedTime(alive).toMillis());

            // Progress again: alive again.
            writer.write(
                    key, Map.of("price", "188", "ts", Long.toString(now.get()), "recv_ts", Long.toString(now.get())));
            now.addAndGet(15_000);
            assertTrue(pulse.tick());
            assertEquals(now.get(), Files.getLastModifiedTime(alive).toMillis());
        }
    }

    @Test
    void withoutANamespaceOrFileItStaysQuiet() {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        FeedPulse pulse = new FeedPulse(
                List.of(new FeedPulse.Watched("okx-usdc", List.of(new QuietTask()), new WriteTally())),
                new PulseConfig(Optional.empty(), Optional.empty(), Duration.ofMinutes(5), Duration.ofSeconds(15)),
                new PrintStream(lines, true, StandardCharsets.UTF_8),
                System::currentTimeMillis);
        assertTrue(pulse.tick());
        assertEquals("", lines.toString(StandardCharsets.UTF_8));
    }

    /** A task that has not started: no counters move (the test drives progress through its writer). */
    private static final class QuietTask implements FeedTask {
        @Override
        public String name() {
            return "quiet";
        }

        @Override
        public void start() {}

        @Override
        public Map<String, Long> counters() {
            return Map.of("frames", 0L);
        }

        @Override
        public void close() {}
    }
}
