package perpwatch.core.kinesis;

import java.util.Map;

/**
 * One record of the durable log: the Redis stream it belongs to and its field map, exactly as written to Redis,
 * so the archive (or a replay) can rebuild the Redis entry. {@code writtenMs} is when we wrote it.
 *
 * @param id the producer's own id for this record ({@code <producer>-<n>}), the same on every resend: a call whose
 *           answer was lost is sent again and lands twice in Kinesis, under two sequence numbers; the rollup keeps one.
 *           Null for records that carry none (the webhook, whose deliveries are deduplicated by signature).
 */
public record LogRecord(String stream, Map<String, String> fields, long writtenMs, String id) {
    public LogRecord(String stream, Map<String, String> fields, long writtenMs) {
        this(stream, fields, writtenMs, null);
    }
}
