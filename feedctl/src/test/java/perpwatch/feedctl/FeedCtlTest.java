package perpwatch.feedctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import perpwatch.core.config.Env;
import perpwatch.core.instrument.InstrumentRegistry;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamKeys;
import perpwatch.core.testing.TestRedis;

/** {@code status} against a real Redis; the cloud-only commands refuse clearly where there is no stage. */
class FeedCtlTest {
    @Test
    void statusReportsLengthLastWriteAgeAndLagPerStream() {
        try (TestRedis redis = TestRedis.start();
                RedisStreams streams = new RedisStreams(redis.config())) {
            var sol = InstrumentRegistry.defaults().all().get(0);
            long now = System.currentTimeMillis();
            streams.add(
                    StreamKeys.price(sol),
                    Map.of("price", "187.1", "ts", Long.toString(now - 250), "recv_ts", Long.toString(now - 10)),
                    now);
            streams.add(
                    StreamKeys.price(sol),
                    Map.of("price", "187.2", "ts", Long.toString(now - 120), "recv_ts", Long.toString(now - 20)),
                    now);

            List<StreamStatus.Row> rows = StreamStatus.read(streams, InstrumentRegistry.defaults(), now + 1_000);
            StreamStatus.Row price = rows.stream()
                    .filter(r -> r.stream().equals("market:solusdt:price"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(2, price.length());
            assertEquals(100L, price.lagMs(), "recv_ts − ts of the newest entry");
            // Redis stamps the entry id with its own clock, at or after `now`: the age is at most the second we waited.
            assertTrue(price.lastWriteAgeMs() <= 1_000, "age from the entry id: " + price.lastWriteAgeMs());
            assertEquals("ok", price.state());
            StreamStatus.Row book = rows.stream()
                    .filter(r -> r.stream().equals("market:solusdt:book"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(new StreamStatus.Row("market:solusdt:book", 0, null, null, "empty"), book);
            assertTrue(rows.stream().anyMatch(r -> r.stream().equals("onchain:drift:events")));

            // Much later the price stream is past its silence budget.
            StreamStatus.Row late =
                    StreamStatus.read(
                                    streams,
                                    InstrumentRegistry.defaults(),
                                    now + Duration.ofHours(1).toMillis())
                            .stream()
                            .filter(r -> r.stream().equals("market:solusdt:price"))
                            .findFirst()
                            .orElseThrow();
            assertEquals("behind", late.state());

            Output out = new Output();
            FeedCtl local = new FeedCtl(
                    FeedCtlConfig.fromEnv(Env.of(Map.of("PERPWATCH_REDIS_URL", redis.url()))),
                    c -> {
                        throw new AssertionError("no cloud call without a stage");
                    },
                    out.stream);
            assertEquals(0, local.run(List.of("status")));
            assertTrue(out.text().contains("ECS: not queried"), out.text());
            assertTrue(out.text().matches("(?s).*market:solusdt:price\\s+2\\s+\\d+\\s+100\\s+ok.*"), out.text());
        }
    }

    @Test
    void redisDownIsReportedAndFails() {
        int port = TestRedis.freePort();
        Output out = new Output();
        FeedCtl ctl = new FeedCtl(
                FeedCtlConfig.fromEnv(Env.of(Map.of("PERPWATCH_REDIS_URL", "redis://127.0.0.1:" + port))),
                c -> null,
                out.stream);
        assertEquals(1, ctl.run(List.of("status")));
        assertTrue(out.text().contains("unavailable"), out.text());
    }

    @Test
    void cloudCommandsWithoutAStageSayWhatTheyNeed() {
        Output out = new Output();
        FeedCtl ctl = new FeedCtl(
                FeedCtlConfig.fromEnv(Env.of(Map.of())),
                c -> {
                    throw new AssertionError("no cloud call without a stage");
                },
                out.stream);
        assertEquals(2, ctl.run(List.of("restart", "binance-trades")));
        assertEquals(2, ctl.run(List.of("rollup", "--hour", "2025-11-24T16")));
        assertEquals(2, ctl.run(List.of("rollup", "--hour", "2025-11-24 16")));
        assertEquals(2, ctl.run(List.of("frobnicate")));
        assertTrue(out.text().contains("restart needs PERPWATCH_STAGE"), out.text());
        assertTrue(out.text().contains("rollup needs PERPWATCH_STAGE"), out.text());
        assertTrue(out.text().contains("bad --hour '2025-11-24 16'"), out.text());
    }

    private static final class Output {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
