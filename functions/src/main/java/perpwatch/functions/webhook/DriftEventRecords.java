package perpwatch.functions.webhook;

import java.util.Optional;
import perpwatch.core.kinesis.LogRecord;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.stream.StreamKeys;

/**
 * How a Drift transaction is written, in one place for the webhook and for the catch-up that replays the log into
 * Redis: its durable-log record (id {@code helius:<signature>}, the same on every redelivery, so the archive keeps
 * one row per signature) and its Redis entry with the key that marks the signature seen.
 */
public final class DriftEventRecords {
    public static final StreamKey KEY = StreamKeys.driftEvents();
    static final String ID_PREFIX = "helius:";

    private DriftEventRecords() {}

    static LogRecord logRecord(DriftTransaction tx, long nowMs) {
        return new LogRecord(KEY.name(), tx.fields(nowMs), nowMs, ID_PREFIX + tx.signature());
    }

    /** The Redis entry of a logged Drift event; empty when the record is not one (another stream, no signature). */
    static Optional<RedisStreams.OnceEntry> onceEntry(LogRecord record) {
        String signature = record.fields().get("signature");
        if (!KEY.name().equals(record.stream()) || signature == null || signature.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RedisStreams.OnceEntry(seenKey(signature), record.fields()));
    }

    static String seenKey(String signature) {
        return "onchain:drift:seen:" + signature;
    }
}
