package perpwatch.core.kinesis;

import java.util.Map;

/**
 * One record of the durable log: the Redis stream it belongs to and its field map, exactly as written to Redis,
 * so the archive (or a replay) can rebuild the Redis entry. {@code writtenMs} is when we wrote it.
 */
public record LogRecord(String stream, Map<String, String> fields, long writtenMs) {
}
