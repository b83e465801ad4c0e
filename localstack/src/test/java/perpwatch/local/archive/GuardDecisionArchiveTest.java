package perpwatch.local.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import perpwatch.archive.ArchivePaths;
import perpwatch.archive.ArchiveRows;
import perpwatch.archive.Dataset;
import perpwatch.archive.HourlyRollup;
import perpwatch.archive.KinesisLogReader;
import perpwatch.archive.LoggedRecord;
import perpwatch.archive.ParquetBytes;
import perpwatch.archive.RawPartWriter;
import perpwatch.archive.testing.TestArchiveS3;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.model.PriceTick;
import perpwatch.core.model.PriceTickCodec;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamEntry;
import perpwatch.core.stream.StreamKeys;
import perpwatch.core.testing.TestKinesis;
import perpwatch.core.testing.TestRedis;
import perpwatch.functions.guards.DecisionLog;
import perpwatch.functions.guards.GuardsService;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The guards' decision log through the whole archive path: the real API service writes its decisions to the Kinesis
 * emulator and to Redis; the archiver and the hourly and daily rollups turn the log into
 * {@code guards/SOL/decisions/YYYYMMDD.parquet}; the Parquet rows equal what Redis holds, once each.
 */
class GuardDecisionArchiveTest {
    static final Instrument SOL = Instrument.sol();

    @Test
    void decisionsRoundTripToParquetExactlyOnce() throws Exception {
        long now = System.currentTimeMillis();
        try (TestRedis redis = TestRedis.start();
                RedisStreams streams = new RedisStreams(redis.config());
                TestKinesis kinesis = TestKinesis.start("guards-decisions", 1);
                KinesisClient client = kinesis.client();
                TestArchiveS3 s3 = new TestArchiveS3("perpwatch-archive")) {
            MutableClock clock = new MutableClock(now);
            ApplicationContext api = ApplicationContext.builder()
                    .properties(Map.of(
                            "perpwatch.redis.url",
                            redis.url(),
                            "micronaut.server.port",
                            -1,
                            "perpwatch.guard.cache",
                            "100ms",
                            "perpwatch.durable.log",
                            "kinesis",
                            "perpwatch.kinesis.endpoint",
                            kinesis.endpoint().toString(),
                            "perpwatch.kinesis.stream",
                            kinesis.stream()))
                    .build();
            api.registerSingleton(Clock.class, clock);
            api.start();
            try {
                GuardsService guards = api.getBean(GuardsService.class);
                // No liquidation feed and no book: a breach, logged at most once a second while it lasts.
                streams.add(
                        StreamKeys.price(SOL),
                        PriceTickCodec.INSTANCE.encode(new PriceTick(new BigDecimal("187.08"), now, now)),
                        now);
                for (int i = 0; i < 30; i++) {
                    guards.evaluate(SOL);
                    clock.advance(400);
                }
                assertTrue(api.getBean(DecisionLog.class).drain(10_000));
            } finally {
                api.close();
            }

            List<StreamEntry> inRedis = streams.range(StreamKeys.guardDecisions(SOL), 0, Long.MAX_VALUE, 1_000);
            assertTrue(
                    inRedis.size() >= 10 && inRedis.size() <= 13,
                    "30 breach answers over 12 s, at most one a second: " + inRedis.size());

            KinesisLogReader reader = new KinesisLogReader(client, kinesis.stream());
            List<LoggedRecord> logged = new ArrayList<>();
            for (int i = 0; i < 20 && logged.size() < inRedis.size(); i++) {
                logged.addAll(reader.poll(10_000));
            }
            assertEquals(inRedis.size(), logged.size(), "every decision in the durable log");
            RawPartWriter archiver = new RawPartWriter(s3.store);
            archiver.write(logged);
            archiver.write(logged); // redelivered: still once in Parquet

            String path = Dataset.locate(StreamKeys.guardDecisions(SOL).name())
                    .orElseThrow()
                    .path();
            assertEquals("guards/SOL/decisions", path);
            HourlyRollup rollup = new HourlyRollup(s3.store);
            List<String> hours = logged.stream()
                    .map(r -> ArchivePaths.day(r.record().writtenMs()) + "/"
                            + ArchivePaths.hour(r.record().writtenMs()))
                    .distinct()
                    .toList();
            int rows = 0;
            for (String dayHour : hours) {
                String[] dh = dayHour.split("/");
                rows += rollup.rollHour(Dataset.GUARD_DECISIONS, path, dh[0], dh[1]);
            }
            assertEquals(inRedis.size(), rows);
            String day = hours.get(0).split("/")[0];
            rollup.rollDay(Dataset.GUARD_DECISIONS, path, day);
            List<GenericRecord> back = ParquetBytes.read(
                    s3.store.get(ArchivePaths.daily(path, day)).orElseThrow());
            List<Map<String, String>> archived = back.stream()
                    .map(r -> ArchiveRows.fields(Dataset.GUARD_DECISIONS, r))
                    .toList();
            assertEquals(
                    inRedis.stream().map(StreamEntry::fields).toList(),
                    archived,
                    "Parquet holds exactly what Redis holds");
            assertTrue(archived.stream().allMatch(r -> r.get("status").equals("breach")));
        }
    }

    /** A clock the test moves; the API reads it through Micronaut's Clock bean. */
    static final class MutableClock extends Clock {
        private volatile long ms;

        MutableClock(long ms) {
            this.ms = ms;
        }

        void advance(long by) {
            ms += by;
        }

        @Override
        public long millis() {
            return ms;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(ms);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
