package perpwatch.core.kinesis;

import java.util.Map;

/**
 * One record of the durable log: the Redis stream it belongs to and its field map, exactly as written to Redis,
 * so the archive (or a replay) can rebuild the Redis entry. {@code writtenMs} is when we wrote it.
 *
 * @param id the producer's own id for this record, the same on every resend: a call whose answer was lost is sent
 *           again and lands twice in Kinesis, under two sequence numbers; the rollup keeps one row per id. Feed
 *           tasks use {@code <producer>-<n>}, the webhook {@code helius:<signature>}, guard decisions their own.
 *           {@link KinesisRecordSink} refuses a record without one; only records read back from before ids existed
 *           ({@link LogRecordCodec#decode}) have none.
 */
public record LogRecord(String stream, Map<String, String> fields, long writtenMs, String id) {}
