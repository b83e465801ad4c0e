package perpwatch.local.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import perpwatch.archive.ArchivePaths;
import perpwatch.archive.Dataset;
import perpwatch.archive.HourlyRollup;
import perpwatch.archive.KinesisLogReader;
import perpwatch.archive.LoggedRecord;
import perpwatch.archive.ParquetBytes;
import perpwatch.archive.RawPartWriter;
import perpwatch.archive.testing.TestArchiveS3;
import perpwatch.core.kinesis.KinesisRecordSink;
import perpwatch.core.kinesis.LogRecord;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamEntry;
import perpwatch.core.stream.StreamKeys;
import perpwatch.core.testing.TestKinesis;
import perpwatch.core.testing.TestRedis;
import perpwatch.local.webhook.HeliusDeliveries;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * "Nothing lost, nothing doubled" for the Helius webhook, end to end: deliveries and redeliveries arrive at two API
 * instances while Redis is down for a few seconds; one instance dies with its retry set. Afterwards every signature
 * is in Redis once (the surviving instance's retry set, then the catch-up from the log) and in Parquet once (the
 * Kinesis emulator, the archiver, the hourly and daily rollups), although the log holds some of them twice.
 */
class WebhookOutageArchiveTest {
    static final String AUTH = "Bearer outage-test";
    static final String PATH = "helius/drift";

    static List<String> sigs(int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> String.format("w-%02d", i))
                .toList();
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    static ApplicationContext api(TestRedis redis, TestKinesis kinesis) {
        return ApplicationContext.builder()
                .properties(Map.of(
                        "perpwatch.redis.url",
                        redis.url(),
                        "micronaut.server.port",
                        -1,
                        "micronaut.server.host",
                        "127.0.0.1",
                        "perpwatch.helius.auth",
                        AUTH,
                        "perpwatch.durable.log",
                        "kinesis",
                        "perpwatch.kinesis.endpoint",
                        kinesis.endpoint().toString(),
                        "perpwatch.kinesis.stream",
                        kinesis.stream()))
                .start();
    }

    static String url(ApplicationContext api) {
        EmbeddedServer server = api.getBean(EmbeddedServer.class);
        if (!server.isRunning()) {
            server.start();
        }
        return "http://127.0.0.1:" + server.getPort();
    }

    static void deliver(String apiUrl, List<String> signatures) throws Exception {
        var answer = HeliusDeliveries.post(apiUrl, AUTH, HeliusDeliveries.body(signatures));
        assertEquals(200, answer.statusCode(), "the log takes it whatever Redis does: " + answer.body());
    }

    /** Everything on the log: polls until it has stopped growing (the emulator answers what it holds at once). */
    static List<LoggedRecord> readLog(KinesisLogReader reader) {
        List<LoggedRecord> out = new ArrayList<>();
        for (int empty = 0; empty < 3; ) {
            List<LoggedRecord> page = reader.poll(10_000);
            out.addAll(page);
            empty = page.isEmpty() ? empty + 1 : 0;
        }
        return out;
    }

    /** Archiver (twice: a redelivered batch), hourly and daily rollups; the signatures of every daily file's rows. */
    static List<String> archive(TestArchiveS3 s3, List<LoggedRecord> logged) {
        RawPartWriter archiver = new RawPartWriter(s3.store);
        archiver.write(logged);
        archiver.write(logged);
        HourlyRollup rollup = new HourlyRollup(s3.store);
        TreeSet<String> hours = new TreeSet<>();
        logged.forEach(r -> hours.add(ArchivePaths.day(r.record().writtenMs()) + "/"
                + ArchivePaths.hour(r.record().writtenMs())));
        hours.forEach(dh -> rollup.rollHour(Dataset.DRIFT_EVENTS, PATH, dh.split("/")[0], dh.split("/")[1]));
        List<String> signatures = new ArrayList<>();
        for (String day : hours.stream().map(dh -> dh.split("/")[0]).distinct().toList()) {
            rollup.rollDay(Dataset.DRIFT_EVENTS, PATH, day);
            for (GenericRecord row : ParquetBytes.read(
                    s3.store.get(ArchivePaths.daily(PATH, day)).orElseThrow())) {
                String signature = row.get("signature").toString();
                assertEquals("helius:" + signature, row.get(Dataset.RECORD_ID).toString());
                signatures.add(signature);
            }
        }
        signatures.sort(null);
        return signatures;
    }

    @Test
    void deliveriesThroughARedisOutageAreInParquetAndInRedisExactlyOnce() throws Exception {
        try (TestRedis redis = TestRedis.start();
                RedisStreams streams = new RedisStreams(redis.config());
                TestKinesis kinesis = TestKinesis.start("webhook-outage", 1);
                KinesisClient client = kinesis.client();
                TestArchiveS3 s3 = new TestArchiveS3("perpwatch-archive")) {
            ApplicationContext a = api(redis, kinesis);
            ApplicationContext b = api(redis, kinesis);
            try {
                String urlA = url(a);
                String urlB = url(b);
                deliver(urlA, sigs(0, 5));
                deliver(urlB, sigs(5, 10));

                redis.stop();
                // A few seconds of outage; Helius retries some deliveries, at either instance.
                deliver(urlA, sigs(10, 15));
                deliver(urlB, sigs(10, 15));
                Thread.sleep(1_000);
                deliver(urlB, concat(sigs(15, 20), sigs(7, 10)));
                deliver(urlA, sigs(20, 23));
                Thread.sleep(1_000);
                deliver(urlA, sigs(15, 18));
                a.close(); // instance A dies while Redis is down: its retry set (10-14, 20-22, ...) is gone with it
                Thread.sleep(1_000);
                redis.startServer();

                deliver(urlB, concat(sigs(23, 25), sigs(15, 20))); // B finds Redis up: its retry set goes in first
                KinesisLogReader catchUpReader = new KinesisLogReader(client, kinesis.stream());
                try (LocalDriftCatchUp catchUp = new LocalDriftCatchUp(catchUpReader, streams, Duration.ofDays(7))) {
                    // A pass may meet Redis still warming up: it keeps its batch and the next pass retries it.
                    long deadline = System.currentTimeMillis() + 30_000;
                    while (stored(streams).size() < 25 && System.currentTimeMillis() < deadline) {
                        catchUp.step();
                        Thread.sleep(200);
                    }
                }
            } finally {
                a.close();
                b.close();
            }

            List<String> inRedis = stored(streams);
            assertEquals(sigs(0, 25), inRedis.stream().sorted().toList(), "every signature in Redis, once");
            List<LoggedRecord> logged = readLog(new KinesisLogReader(client, kinesis.stream()));
            assertTrue(logged.size() > 25, "redeliveries reached the log more than once: " + logged.size());
            assertEquals(sigs(0, 25), archive(s3, logged), "every signature in Parquet, once");
        }
    }

    @Test
    void aResentWebhookBatchIsArchivedOnce() throws Exception {
        try (TestKinesis kinesis = TestKinesis.start("webhook-resend", 1);
                KinesisClient client = kinesis.client();
                TestArchiveS3 s3 = new TestArchiveS3("perpwatch-archive")) {
            long now = System.currentTimeMillis();
            List<LogRecord> batch = new ArrayList<>();
            for (String signature : sigs(0, 8)) {
                Map<String, String> fields = new java.util.LinkedHashMap<>();
                fields.put("signature", signature);
                fields.put("ts", Long.toString(now));
                batch.add(new LogRecord(StreamKeys.driftEvents().name(), fields, now, "helius:" + signature));
            }
            KinesisRecordSink sink = new KinesisRecordSink(client, kinesis.stream(), 1, 1);
            sink.put(batch);
            sink.put(batch); // the first call's answer was lost: the producer sends the same records again
            List<LoggedRecord> logged = readLog(new KinesisLogReader(client, kinesis.stream()));
            assertEquals(16, logged.size());
            assertEquals(sigs(0, 8), archive(s3, logged));
        }
    }

    static List<String> stored(RedisStreams streams) {
        try {
            return streams.range(StreamKeys.driftEvents(), 0, Long.MAX_VALUE, 1_000).stream()
                    .map(StreamEntry::fields)
                    .map(f -> f.get("signature"))
                    .toList();
        } catch (RuntimeException e) {
            return List.of(); // Redis still starting
        }
    }
}
