package perpwatch.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import perpwatch.archive.testing.TestArchiveS3;
import perpwatch.core.kinesis.KinesisRecordSink;
import perpwatch.core.kinesis.LogRecord;
import perpwatch.core.testing.TestKinesis;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Records → the Kinesis emulator → archiver → a real S3 API server → hourly and daily rollups → Parquet read back
 * equals the input, for every dataset; redelivered and partially retried batches leave no duplicate rows.
 */
class ArchiveRoundTripTest {
    static TestKinesis kinesis;
    static KinesisClient client;
    static TestArchiveS3 s3;

    @BeforeAll
    static void start() throws Exception {
        kinesis = TestKinesis.start("archive-test", 2);
        client = kinesis.client();
        s3 = new TestArchiveS3("perpwatch-archive");
    }

    @AfterAll
    static void stop() throws Exception {
        if (s3 != null) {
            s3.close();
        }
        if (client != null) {
            client.close();
        }
        if (kinesis != null) {
            kinesis.close();
        }
    }

    @Test
    void everyDatasetSurvivesTheWholePathExactlyOnce() throws Exception {
        Map<Dataset, List<LogRecord>> samples = ParquetRoundTripTest.samples();
        List<LogRecord> all = new ArrayList<>();
        samples.values().forEach(all::addAll);
        new KinesisRecordSink(client, kinesis.stream(), 3, 10).put(all);

        KinesisLogReader reader = new KinesisLogReader(client, kinesis.stream());
        List<LoggedRecord> logged = new ArrayList<>();
        for (int i = 0; i < 20 && logged.size() < all.size(); i++) {
            logged.addAll(reader.poll(10_000));
        }
        assertEquals(all.size(), logged.size());

        RawPartWriter archiver = new RawPartWriter(s3.store);
        archiver.write(logged);
        archiver.write(logged); // the same batch delivered twice
        archiver.write(logged.subList(0, logged.size() / 3)); // a retry after a partial write: overlapping ranges

        HourlyRollup rollup = new HourlyRollup(s3.store);
        for (Map.Entry<Dataset, List<LogRecord>> e : samples.entrySet()) {
            Dataset dataset = e.getKey();
            String path =
                    Dataset.locate(e.getValue().get(0).stream()).orElseThrow().path();
            List<String> hours = e.getValue().stream()
                    .map(r -> ArchivePaths.day(r.writtenMs()) + "/" + ArchivePaths.hour(r.writtenMs()))
                    .distinct()
                    .toList();
            int rows = 0;
            for (String dayHour : hours) {
                String[] dh = dayHour.split("/");
                rows += rollup.rollHour(dataset, path, dh[0], dh[1]);
            }
            assertEquals(e.getValue().size(), rows, dataset + ": no duplicate rows");
            String day = ArchivePaths.day(e.getValue().get(0).writtenMs());
            assertEquals(e.getValue().size(), rollup.rollDay(dataset, path, day));

            byte[] daily = s3.store.get(ArchivePaths.daily(path, day)).orElseThrow();
            List<GenericRecord> back = ParquetBytes.read(daily);
            List<Map<String, String>> expected =
                    e.getValue().stream().map(LogRecord::fields).toList();
            List<Map<String, String>> actual =
                    back.stream().map(r -> ArchiveRows.fields(dataset, r)).toList();
            assertEquals(expected, actual, dataset + ": the input, in the order it was written");

            rollup.rollDay(dataset, path, day);
            assertArrayEquals(
                    daily,
                    s3.store.get(ArchivePaths.daily(path, day)).orElseThrow(),
                    dataset + ": a re-run gives the same bytes");

            // Replay the day back into Redis through the feeds' writer: the stream gets exactly the archived records.
            try (perpwatch.core.testing.TestRedis redis = perpwatch.core.testing.TestRedis.start();
                    perpwatch.core.redis.RedisStreams streams = new perpwatch.core.redis.RedisStreams(redis.config())) {
                int replayed = ArchiveReplay.replay(
                        s3.store,
                        day,
                        path,
                        new perpwatch.core.redis.BufferedStreamWriter(streams, 1_000, System::currentTimeMillis),
                        0);
                assertEquals(e.getValue().size(), replayed);
                String key = Dataset.locate(e.getValue().get(0).stream())
                        .orElseThrow()
                        .streamKey();
                assertEquals(e.getValue().get(0).stream(), key);
                assertEquals(
                        expected,
                        streams
                                .range(
                                        new perpwatch.core.stream.StreamKey(key, java.time.Duration.ofDays(30)),
                                        0,
                                        Long.MAX_VALUE,
                                        1_000)
                                .stream()
                                .map(perpwatch.core.stream.StreamEntry::fields)
                                .toList(),
                        dataset + ": replayed as archived");
            }

            if (dataset == Dataset.BARS) {
                // 50 one-minute bars from 16:00 UTC: the 16h bar holds minutes 0..59 of them, i.e. all 50.
                String[] dh = hours.get(0).split("/");
                List<GenericRecord> hourBar = ParquetBytes.read(s3.store
                        .get(ArchivePaths.hourly(path + "_1h", dh[0], dh[1]))
                        .orElseThrow());
                Map<String, String> bar = ArchiveRows.fields(Dataset.BARS, hourBar.get(0));
                List<Map<String, String>> minutes = e.getValue().stream()
                        .filter(r -> (ArchivePaths.day(r.writtenMs()) + "/" + ArchivePaths.hour(r.writtenMs()))
                                .equals(hours.get(0)))
                        .map(LogRecord::fields)
                        .toList();
                assertEquals(minutes.get(0).get("open"), bar.get("open"));
                assertEquals(minutes.get(minutes.size() - 1).get("close"), bar.get("close"));
                assertEquals(
                        minutes.get(minutes.size() - 1).get("cvd"),
                        bar.get("cvd"),
                        "CVD is cumulative: the last minute's");
                long trades = minutes.stream()
                        .mapToLong(m -> Long.parseLong(m.get("trades")))
                        .sum();
                assertEquals(Long.toString(trades), bar.get("trades"));
                java.math.BigDecimal buy = minutes.stream()
                        .map(m -> new java.math.BigDecimal(m.get("buy_vol")))
                        .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
                assertEquals(0, buy.compareTo(new java.math.BigDecimal(bar.get("buy_vol"))));
            }
        }
    }

    @Test
    void aBatchResentAfterALostAnswerIsArchivedOnce() throws Exception {
        // Seen in the hardening harness: a PutRecords that timed out had landed, and its resend landed again under new
        // sequence numbers. The producer's record ids let the rollup keep one of each.
        long written = 1_767_323_000_000L; // 2026-01-02 03:03 UTC, an hour no other test writes
        List<LogRecord> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            records.add(new LogRecord(
                    "market:dupusdt:liquidations",
                    Map.of(
                            "venue",
                            "okx",
                            "side",
                            "long",
                            "price",
                            "150." + i,
                            "quantity",
                            "1",
                            "ts",
                            Long.toString(written + i),
                            "recv_ts",
                            Long.toString(written + i + 1)),
                    written + i,
                    "p1-" + i));
        }
        List<LoggedRecord> logged = new ArrayList<>();
        try (TestKinesis own = TestKinesis.start("archive-resend", 1);
                KinesisClient ownClient = own.client()) {
            KinesisRecordSink sink = new KinesisRecordSink(ownClient, own.stream(), 3, 10);
            sink.put(records);
            sink.put(records.subList(10, 30)); // the resend of a call whose answer was lost
            KinesisLogReader reader = new KinesisLogReader(ownClient, own.stream());
            for (int i = 0; i < 20 && logged.size() < 60; i++) {
                logged.addAll(reader.poll(10_000));
            }
        }
        assertEquals(60, logged.size(), "Kinesis holds the resend too");
        new RawPartWriter(s3.store).write(logged);
        String path =
                Dataset.locate("market:dupusdt:liquidations").orElseThrow().path();
        assertEquals(
                40,
                new HourlyRollup(s3.store)
                        .rollHour(Dataset.LIQUIDATIONS, path, ArchivePaths.day(written), ArchivePaths.hour(written)));
        List<GenericRecord> back = ParquetBytes.read(s3.store
                .get(ArchivePaths.hourly(path, ArchivePaths.day(written), ArchivePaths.hour(written)))
                .orElseThrow());
        assertEquals(
                records.stream().map(LogRecord::fields).toList(),
                back.stream()
                        .map(r -> ArchiveRows.fields(Dataset.LIQUIDATIONS, r))
                        .toList(),
                "each record once, in the order it was written");
    }

    @Test
    void redisDownForTheWholeRunLeavesTheArchiveComplete() throws Exception {
        Map<Dataset, List<LogRecord>> samples = ParquetRoundTripTest.samples();
        int nobody = perpwatch.core.testing.TestRedis.freePort();
        try (TestKinesis ownLog = TestKinesis.start("archive-redis-down", 1);
                KinesisClient logClient = ownLog.client();
                perpwatch.core.redis.RedisStreams deadRedis =
                        new perpwatch.core.redis.RedisStreams(perpwatch.core.redis.RedisConfig.local(nobody));
                perpwatch.core.kinesis.DurableLogBuffer log = new perpwatch.core.kinesis.DurableLogBuffer(
                        new KinesisRecordSink(logClient, ownLog.stream(), 3, 10),
                        10_000,
                        500,
                        System::currentTimeMillis)) {
            // The feeds' writer, as a feed task builds it, with no Redis behind it at any moment of the run.
            perpwatch.core.redis.BufferedStreamWriter writer =
                    new perpwatch.core.redis.BufferedStreamWriter(deadRedis, 10, System::currentTimeMillis, log);
            int total = 0;
            for (Map.Entry<Dataset, List<LogRecord>> e : samples.entrySet()) {
                perpwatch.core.stream.StreamKey key =
                        new perpwatch.core.stream.StreamKey(e.getValue().get(0).stream(), java.time.Duration.ofDays(7));
                for (LogRecord r : e.getValue()) {
                    writer.write(key, r.fields());
                    total++;
                }
            }
            assertTrue(writer.dropped() > 0, "Redis really was down: its small backlog overflowed");
            log.drain(java.time.Duration.ofSeconds(60));
            assertEquals(total, log.shipped(), "every record reached the log");
            assertEquals(0, log.dropped());

            KinesisLogReader reader = new KinesisLogReader(logClient, ownLog.stream());
            List<LoggedRecord> logged = new ArrayList<>();
            for (int i = 0; i < 40 && logged.size() < total; i++) {
                logged.addAll(reader.poll(10_000));
            }
            assertEquals(total, logged.size());
            TestArchiveS3 ownS3 = new TestArchiveS3("perpwatch-archive-redis-down");
            try {
                new RawPartWriter(ownS3.store).write(logged);
                HourlyRollup rollup = new HourlyRollup(ownS3.store);
                for (Map.Entry<Dataset, List<LogRecord>> e : samples.entrySet()) {
                    String stream = e.getValue().get(0).stream();
                    String path = Dataset.locate(stream).orElseThrow().path();
                    List<String> hours = logged.stream()
                            .filter(l -> l.record().stream().equals(stream))
                            .map(l -> ArchivePaths.day(l.record().writtenMs()) + "/"
                                    + ArchivePaths.hour(l.record().writtenMs()))
                            .distinct()
                            .sorted()
                            .toList();
                    List<Map<String, String>> back = new ArrayList<>();
                    for (String dayHour : hours) {
                        String[] dh = dayHour.split("/");
                        rollup.rollHour(e.getKey(), path, dh[0], dh[1]);
                        ParquetBytes.read(ownS3.store
                                        .get(ArchivePaths.hourly(path, dh[0], dh[1]))
                                        .orElseThrow())
                                .forEach(r -> back.add(ArchiveRows.fields(e.getKey(), r)));
                    }
                    assertEquals(
                            e.getValue().stream().map(LogRecord::fields).toList(),
                            back,
                            e.getKey() + ": complete, in order, without Redis");
                }
            } finally {
                ownS3.close();
            }
        }
    }
}
