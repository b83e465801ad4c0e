package perpwatch.core.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import perpwatch.core.redis.BufferedStreamWriter;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.testing.TestKinesis;
import perpwatch.core.testing.TestRedis;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** The feeds' durable-log buffer against the real Kinesis emulator, through outages of Kinesis and of Redis. */
class DurableLogBufferTest {
    static final StreamKey KEY = new StreamKey("market:solusdt:price", Duration.ofDays(1));

    static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aKinesisOutageGrowsTheBacklogWhichDrainsWithNothingLost() throws Exception {
        int port = TestRedis.freePort();
        KinesisConfig config =
                new KinesisConfig("log-outage", Optional.of(URI.create("http://127.0.0.1:" + port)), "us-east-1");
        try (KinesisClient client = KinesisClients.create(config);
                DurableLogBuffer buffer =
                        new DurableLogBuffer(new KinesisRecordSink(client, "log-outage", 1, 1), 1_000, 100, () -> 5L)) {
            for (int i = 0; i < 300; i++) {
                buffer.offer(KEY.name(), Map.of("price", "150." + i));
            }
            assertEquals(300, buffer.backlog(), "nothing can be shipped while Kinesis is down");
            awaitTrue(() -> buffer.currentBatch() <= 25);
            try (TestKinesis kinesis = TestKinesis.start("log-outage", 1, port)) {
                awaitTrue(() -> buffer.backlog() == 0);
                assertEquals(
                        100, buffer.currentBatch(), "failed calls halved the batch, successful ones doubled it back");
                assertEquals(300, buffer.shipped());
                assertEquals(0, buffer.dropped());
                var records = kinesis.readAll();
                assertEquals(300, records.size());
                assertEquals("150.0", records.get(0).fields().get("price"));
                assertEquals("150.299", records.get(299).fields().get("price"), "in order");
            }
        }
    }

    @Test
    void aFullBacklogDropsTheOldestAndCountsIt() throws Exception {
        KinesisConfig nowhere = new KinesisConfig(
                "x", Optional.of(URI.create("http://127.0.0.1:" + TestRedis.freePort())), "us-east-1");
        try (KinesisClient client = KinesisClients.create(nowhere);
                DurableLogBuffer buffer =
                        new DurableLogBuffer(new KinesisRecordSink(client, "x", 1, 1), 10, 5, () -> 5L)) {
            for (int i = 0; i < 15; i++) {
                buffer.offer(KEY.name(), Map.of("i", Integer.toString(i)));
            }
            assertEquals(10, buffer.backlog());
            assertEquals(5, buffer.dropped());
        }
    }

    @Test
    void withRedisDownTheLogStillGetsEveryRecord() throws Exception {
        try (TestKinesis kinesis = TestKinesis.start("log-redis-down", 1);
                KinesisClient client = kinesis.client();
                TestRedis redis = TestRedis.start();
                RedisStreams streams = new RedisStreams(redis.config());
                DurableLogBuffer buffer = new DurableLogBuffer(
                        new KinesisRecordSink(client, kinesis.stream(), 3, 10),
                        1_000,
                        100,
                        System::currentTimeMillis)) {
            redis.stop();
            BufferedStreamWriter writer = new BufferedStreamWriter(streams, 1_000, System::currentTimeMillis, buffer);
            for (int i = 0; i < 20; i++) {
                writer.write(KEY, Map.of("price", "151." + i));
            }
            awaitTrue(() -> buffer.shipped() == 20);
            assertEquals(20, kinesis.readAll().size(), "the archive's log does not depend on Redis");
            assertEquals(20, writer.backlog(), "and Redis keeps its own backlog for when it returns");
        }
    }

    @Test
    void theLastWriterToCloseShipsTheTailAndStopsTheShipper() throws Exception {
        try (TestKinesis kinesis = TestKinesis.start("log-close", 1);
                KinesisClient client = kinesis.client();
                TestRedis redis = TestRedis.start();
                RedisStreams streams = new RedisStreams(redis.config())) {
            DurableLogBuffer buffer = new DurableLogBuffer(
                    new KinesisRecordSink(client, kinesis.stream(), 3, 10), 1_000, 100, System::currentTimeMillis);
            BufferedStreamWriter trades = new BufferedStreamWriter(streams, 1_000, System::currentTimeMillis, buffer);
            BufferedStreamWriter book = new BufferedStreamWriter(streams, 1_000, System::currentTimeMillis, buffer);
            for (int i = 0; i < 10; i++) {
                trades.write(KEY, Map.of("price", "151." + i));
            }
            trades.close();
            trades.close();
            assertEquals(1, buffer.holders(), "one writer left: closing twice releases once");
            assertTrue(buffer.shipping());
            for (int i = 0; i < 5; i++) {
                book.write(KEY, Map.of("price", "152." + i));
            }
            book.close();
            assertEquals(0, buffer.backlog(), "the last close returns once the tail is shipped");
            assertEquals(15, kinesis.readAll().size());
            awaitTrue(() -> !buffer.shipping());
            buffer.offer(KEY.name(), Map.of("price", "153"));
            assertEquals(1, buffer.dropped(), "a record after the close is counted lost, never queued for nobody");
            assertEquals(0, buffer.backlog());
        }
    }
}
