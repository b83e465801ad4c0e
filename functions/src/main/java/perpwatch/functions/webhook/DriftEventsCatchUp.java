package perpwatch.functions.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import perpwatch.core.kinesis.LogRecord;
import perpwatch.core.redis.RedisStreams;

/**
 * Makes Redis whole from the durable log: every Drift event the log holds is appended to {@code onchain:drift:events}
 * once (the same atomic append-and-mark-seen script the webhook uses, so an event already there is left alone).
 * This is what is durable about the webhook's Redis side: whoever feeds it the log keeps a position (a Kinesis event
 * source mapping in the cloud, the local cloud's log reader) and moves it on only when this returns, so a Redis
 * outage of any length within the log's retention is caught up. Other streams' records are ignored.
 */
public final class DriftEventsCatchUp {
    private final RedisStreams redis;
    private final Duration seenTtl;

    public DriftEventsCatchUp(RedisStreams redis, Duration seenTtl) {
        this.redis = redis;
        this.seenTtl = seenTtl;
    }

    /** What one pass did: Drift events appended now, and those Redis already held. */
    public record Result(int appended, int alreadyThere) {}

    /**
     * @throws perpwatch.core.redis.StoreUnavailableException while Redis is down: the caller keeps its position and
     * retries
     */
    public Result apply(List<LogRecord> records, long nowMs) {
        List<RedisStreams.OnceEntry> entries = new ArrayList<>();
        for (LogRecord record : records) {
            DriftEventRecords.onceEntry(record).ifPresent(entries::add);
        }
        int appended = 0;
        for (boolean r : entries.isEmpty()
                ? List.<Boolean>of()
                : redis.appendOnce(DriftEventRecords.KEY, entries, seenTtl, nowMs)) {
            appended += r ? 1 : 0;
        }
        return new Result(appended, entries.size() - appended);
    }
}
