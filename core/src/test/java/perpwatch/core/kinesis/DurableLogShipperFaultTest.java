package perpwatch.core.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * The shipper thread outlives whatever goes wrong: a record Kinesis could never take is refused when offered, and a
 * surprise exception from the client (not the SDK's "unavailable") is counted and retried, not fatal.
 */
class DurableLogShipperFaultTest {
    /** Accepts every call except the first {@code failures}, which throw an exception the sink does not expect. */
    static final class SurprisingClient implements KinesisClient {
        final List<String> written = new ArrayList<>();
        final AtomicInteger failures;

        SurprisingClient(int failures) {
            this.failures = new AtomicInteger(failures);
        }

        @Override
        public synchronized PutRecordsResponse putRecords(PutRecordsRequest request) {
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException("a surprise from below the sink");
            }
            List<PutRecordsResultEntry> results = new ArrayList<>();
            for (var entry : request.records()) {
                written.add(LogRecordCodec.decode(entry.data().asByteArray())
                        .fields()
                        .get("i"));
                results.add(PutRecordsResultEntry.builder()
                        .shardId("shardId-0")
                        .sequenceNumber(Integer.toString(written.size()))
                        .build());
            }
            return PutRecordsResponse.builder()
                    .records(results)
                    .failedRecordCount(0)
                    .build();
        }

        synchronized List<String> written() {
            return List.copyOf(written);
        }

        @Override
        public String serviceName() {
            return "kinesis";
        }

        @Override
        public void close() {}
    }

    @Test
    void anOversizedRecordIsRefusedWhenOfferedAndTheRestShip() throws Exception {
        SurprisingClient client = new SurprisingClient(0);
        try (DurableLogBuffer buffer =
                new DurableLogBuffer(new KinesisRecordSink(client, "s", 1, 1), 100, 10, () -> 5L)) {
            assertTrue(buffer.offer("k", Map.of("i", "0")));
            assertFalse(
                    buffer.offer("k", Map.of("i", "big", "blob", "x".repeat(KinesisRecordSink.MAX_BYTES_PER_RECORD))));
            assertTrue(buffer.offer("k", Map.of("i", "1")));
            DurableLogBufferTest.awaitTrue(() -> buffer.backlog() == 0);
            assertEquals(List.of("0", "1"), client.written());
            assertEquals(1, buffer.refused());
            assertEquals(0, buffer.dropped());
            assertTrue(buffer.shipping());
        }
    }

    @Test
    void aRuntimeExceptionInTheShipperIsCountedAndRetriedNotFatal() throws Exception {
        SurprisingClient client = new SurprisingClient(2);
        try (DurableLogBuffer buffer =
                new DurableLogBuffer(new KinesisRecordSink(client, "s", 1, 1), 100, 10, () -> 5L)) {
            for (int i = 0; i < 5; i++) {
                buffer.offer("k", Map.of("i", Integer.toString(i)));
            }
            DurableLogBufferTest.awaitTrue(() -> buffer.backlog() == 0);
            assertEquals(2, buffer.shipperErrors());
            assertTrue(buffer.shipping(), "the shipper thread is still alive");
            assertEquals(List.of("0", "1", "2", "3", "4"), client.written(), "every record once, in order");
            buffer.offer("k", Map.of("i", "5"));
            DurableLogBufferTest.awaitTrue(() -> buffer.shipped() == 6);
        }
    }
}
