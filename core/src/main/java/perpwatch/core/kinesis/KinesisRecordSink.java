package perpwatch.core.kinesis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Writes log records to Kinesis synchronously with {@code PutRecords}, within its limits (500 records and 5 MiB
 * per call, 1 MiB per record). A partial failure (throttling on a hot shard, an internal error) resends only the
 * failed entries, with backoff; when records still fail after the last attempt the call throws, so the caller can
 * answer "try again" instead of pretending they are safe. The partition key is the Redis stream key: one stream's
 * records stay in order on one shard.
 */
public final class KinesisRecordSink {
    public static final int MAX_RECORDS_PER_CALL = 500;
    public static final int MAX_BYTES_PER_CALL = 5 * 1024 * 1024;
    public static final int MAX_BYTES_PER_RECORD = 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(KinesisRecordSink.class);

    private final KinesisClient client;
    private final String stream;
    private final KinesisRetryPolicy retry;

    public KinesisRecordSink(KinesisClient client, String stream, KinesisRetryPolicy retry) {
        this.client = client;
        this.stream = stream;
        this.retry = retry;
    }

    /** With a policy of its own: tests that want one attempt, or no wait. */
    public KinesisRecordSink(KinesisClient client, String stream, int attempts, long firstBackoffMs) {
        this(client, stream, new KinesisRetryPolicy(attempts, Duration.ofMillis(firstBackoffMs)));
    }

    /** The durable log {@code config} names, with its own client and the shared {@link KinesisRetryPolicy#DEFAULT}. */
    public static KinesisRecordSink create(KinesisConfig config) {
        return new KinesisRecordSink(KinesisClients.create(config), config.stream(), KinesisRetryPolicy.DEFAULT);
    }

    public String stream() {
        return stream;
    }

    /**
     * The size Kinesis counts for a record (its data plus its partition key).
     *
     * @throws RecordTooLargeException when that is over {@link #MAX_BYTES_PER_RECORD}: such a record can never be
     * written
     */
    public static int checkSize(LogRecord record) {
        return sizeOf(record, LogRecordCodec.encode(record));
    }

    private static int sizeOf(LogRecord record, byte[] data) {
        int size = data.length + record.stream().getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_BYTES_PER_RECORD) {
            throw new RecordTooLargeException(record.stream(), size);
        }
        return size;
    }

    /**
     * Writes every record or throws {@link DurableLogUnavailableException}; returns the sequence numbers in order.
     * Every record is checked before anything is sent: one without an id, or over 1 MiB
     * ({@link RecordTooLargeException}), refuses the whole call, so a caller never has half a batch written by a
     * call that could never succeed.
     */
    public List<String> put(List<LogRecord> records) {
        List<byte[]> encoded = new ArrayList<>(records.size());
        for (LogRecord record : records) {
            if (record.id() == null || record.id().isBlank()) {
                // Without an id the rollup cannot tell a resend from a new record: refuse rather than archive twice.
                throw new IllegalArgumentException("record for " + record.stream() + " has no id");
            }
            byte[] data = LogRecordCodec.encode(record);
            sizeOf(record, data);
            encoded.add(data);
        }
        List<String> sequences = new ArrayList<>(records.size());
        List<PutRecordsRequestEntry> batch = new ArrayList<>();
        int batchBytes = 0;
        for (int i = 0; i < records.size(); i++) {
            LogRecord record = records.get(i);
            byte[] data = encoded.get(i);
            int size = sizeOf(record, data);
            if (batch.size() == MAX_RECORDS_PER_CALL || batchBytes + size > MAX_BYTES_PER_CALL) {
                sequences.addAll(putBatch(batch));
                batch = new ArrayList<>();
                batchBytes = 0;
            }
            batch.add(PutRecordsRequestEntry.builder()
                    .partitionKey(record.stream())
                    .data(SdkBytes.fromByteArray(data))
                    .build());
            batchBytes += size;
        }
        if (!batch.isEmpty()) {
            sequences.addAll(putBatch(batch));
        }
        return sequences;
    }

    private List<String> putBatch(List<PutRecordsRequestEntry> entries) {
        String[] sequences = new String[entries.size()];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            pending.add(i);
        }
        RuntimeException lastFailure = null;
        int attempts = retry.attempts();
        for (int attempt = 1; attempt <= attempts && !pending.isEmpty(); attempt++) {
            if (attempt > 1) {
                sleep(retry.backoffMs(attempt));
            }
            List<PutRecordsRequestEntry> send = new ArrayList<>(pending.size());
            pending.forEach(i -> send.add(entries.get(i)));
            PutRecordsResponse response;
            try {
                response = client.putRecords(b -> b.streamName(stream).records(send));
            } catch (SdkException e) {
                lastFailure = e;
                LOG.warn(
                        "kinesis {}: PutRecords of {} record(s) failed (attempt {}/{}): {}",
                        stream,
                        send.size(),
                        attempt,
                        attempts,
                        e.getMessage());
                continue;
            }
            List<Integer> stillFailed = new ArrayList<>();
            List<PutRecordsResultEntry> results = response.records();
            for (int j = 0; j < results.size(); j++) {
                PutRecordsResultEntry result = results.get(j);
                if (result.errorCode() == null) {
                    sequences[pending.get(j)] = result.sequenceNumber();
                } else {
                    stillFailed.add(pending.get(j));
                    lastFailure = new IllegalStateException(result.errorCode() + ": " + result.errorMessage());
                }
            }
            if (!stillFailed.isEmpty()) {
                LOG.warn(
                        "kinesis {}: {} of {} record(s) refused (attempt {}/{}), resending only those: {}",
                        stream,
                        stillFailed.size(),
                        send.size(),
                        attempt,
                        attempts,
                        lastFailure.getMessage());
            }
            pending = stillFailed;
        }
        if (!pending.isEmpty()) {
            throw new DurableLogUnavailableException(
                    "kinesis " + stream + ": " + pending.size() + " record(s) not written after " + attempts
                            + " attempts: " + (lastFailure == null ? "unknown" : lastFailure.getMessage()),
                    lastFailure);
        }
        return List.of(sequences);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DurableLogUnavailableException("interrupted while backing off", e);
        }
    }
}
