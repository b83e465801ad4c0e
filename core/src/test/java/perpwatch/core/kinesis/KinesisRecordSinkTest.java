package perpwatch.core.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import perpwatch.core.testing.TestKinesis;
import perpwatch.core.testing.TestRedis;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** The sink against the real Kinesis emulator (kinesis-local). */
class KinesisRecordSinkTest {
    static TestKinesis kinesis;
    static KinesisClient client;

    @BeforeAll
    static void start() {
        kinesis = TestKinesis.start("sink-test", 2);
        client = kinesis.client();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (kinesis != null) {
            kinesis.close();
        }
    }

    @Test
    void recordsRoundTripExactlyAndBatchesSplitAtFiveHundred() {
        KinesisRecordSink sink = new KinesisRecordSink(client, kinesis.stream(), 3, 10);
        List<LogRecord> records = new ArrayList<>();
        for (int i = 0; i < 1_203; i++) {
            records.add(new LogRecord(
                    i % 2 == 0 ? "market:solusdt:liquidations" : "onchain:drift:events",
                    Map.of("i", Integer.toString(i), "price", "150." + i),
                    1_764_000_000_000L + i,
                    "t-" + i));
        }
        List<String> sequences = sink.put(records);
        assertEquals(1_203, sequences.size());
        List<LogRecord> back = kinesis.readAll();
        assertEquals(1_203, back.size());
        assertEquals(new java.util.HashSet<>(records), new java.util.HashSet<>(back));
        // One stream key, one partition: its records keep their order.
        List<LogRecord> liquidations = back.stream()
                .filter(r -> r.stream().equals("market:solusdt:liquidations"))
                .toList();
        for (int i = 1; i < liquidations.size(); i++) {
            assertEquals(
                    liquidations.get(i - 1).writtenMs() + 2, liquidations.get(i).writtenMs());
        }
    }

    @Test
    void anUnreachableLogIsOneClearException() {
        KinesisConfig nowhere = new KinesisConfig(
                "x", Optional.of(java.net.URI.create("http://127.0.0.1:" + TestRedis.freePort())), "us-east-1");
        try (KinesisClient dead = KinesisClients.create(nowhere)) {
            KinesisRecordSink sink = new KinesisRecordSink(dead, "x", 2, 1);
            DurableLogUnavailableException e = assertThrows(
                    DurableLogUnavailableException.class,
                    () -> sink.put(List.of(new LogRecord("k", Map.of("a", "b"), 1, "t-1"))));
            assertEquals(true, e.getMessage().contains("not written after 2 attempts"), e.getMessage());
        }
    }

    @Test
    void theEnvelopeIsStableJson() {
        LogRecord r = new LogRecord(
                "onchain:drift:events", new java.util.LinkedHashMap<>(Map.of("signature", "abc")), 5, "helius:abc");
        assertEquals(
                "{\"stream\":\"onchain:drift:events\",\"written_ms\":5,\"id\":\"helius:abc\","
                        + "\"fields\":{\"signature\":\"abc\"}}",
                new String(LogRecordCodec.encode(r), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(r, LogRecordCodec.decode(LogRecordCodec.encode(r)));
        // A record written before ids existed still reads back, without one.
        LogRecord legacy = LogRecordCodec.decode(
                "{\"stream\":\"k\",\"written_ms\":5,\"fields\":{}}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(null, legacy.id());
    }

    @Test
    void aRecordWithoutAnIdOrOver1MiBIsRefusedBeforeAnythingIsSent() {
        KinesisRecordSink sink = new KinesisRecordSink(kinesis.client(), kinesis.stream(), 1, 1);
        int before = kinesis.readAll().size();
        LogRecord fine = new LogRecord("k", Map.of("a", "b"), 1, "t-fine");
        LogRecord noId = new LogRecord("k", Map.of("a", "b"), 1, null);
        LogRecord huge =
                new LogRecord("k", Map.of("a", "x".repeat(KinesisRecordSink.MAX_BYTES_PER_RECORD)), 1, "t-huge");
        assertThrows(IllegalArgumentException.class, () -> sink.put(List.of(fine, noId)));
        RecordTooLargeException tooLarge =
                assertThrows(RecordTooLargeException.class, () -> sink.put(List.of(fine, huge)));
        assertEquals(true, tooLarge.bytes() > KinesisRecordSink.MAX_BYTES_PER_RECORD);
        assertEquals(before, kinesis.readAll().size(), "a call that cannot fully succeed writes nothing");
    }
}
