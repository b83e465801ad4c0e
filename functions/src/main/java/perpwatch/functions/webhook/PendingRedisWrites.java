package perpwatch.functions.webhook;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.redis.RedisStreams;

/**
 * Drift events the durable log holds but Redis does not yet (Redis was down when they arrived), retried by the next
 * delivery that finds Redis up. This is the fast path, and it lives in this instance's memory only: a Lambda
 * instance frozen between invocations retries on its next one, and one that dies loses the set. What makes Redis
 * whole regardless is {@link DriftEventsCatchUp}, which replays the log. Bounded: beyond {@link #CAPACITY} the oldest
 * is dropped here (counted, logged), still in the log and the archive, and left to the catch-up.
 */
@Singleton
public class PendingRedisWrites {
    private static final Logger LOG = LoggerFactory.getLogger(PendingRedisWrites.class);
    static final int CAPACITY = 10_000;
    /** One Lua call per chunk: keeps a long backlog from blocking Redis in one script. */
    private static final int CHUNK = 200;

    private final Map<String, RedisStreams.OnceEntry> pending = new LinkedHashMap<>();
    private long dropped;

    /** Outcome of one {@link #flush}: appended now, or found already written (by another instance or the catch-up). */
    public record Flushed(int appended, int alreadyThere) {}

    synchronized void add(List<RedisStreams.OnceEntry> entries) {
        for (RedisStreams.OnceEntry entry : entries) {
            pending.putIfAbsent(entry.onceKey(), entry);
            if (pending.size() > CAPACITY) {
                String oldest = pending.keySet().iterator().next();
                pending.remove(oldest);
                dropped++;
                LOG.error(
                        "helius: {} Drift events wait for Redis; dropped {} from this instance's retry set (in the "
                                + "log; the catch-up "
                                + "replays it; {} dropped so far)",
                        CAPACITY,
                        oldest,
                        dropped);
            }
        }
    }

    public synchronized int size() {
        return pending.size();
    }

    /**
     * Appends what is pending, oldest first, each once (the atomic append-and-mark-seen script).
     *
     * @throws perpwatch.core.redis.StoreUnavailableException when Redis fails; what was appended before is removed
     */
    Flushed flush(RedisStreams redis, Duration ttl, long nowMs) {
        int appended = 0;
        int alreadyThere = 0;
        while (true) {
            List<RedisStreams.OnceEntry> chunk;
            synchronized (this) {
                chunk = new ArrayList<>(pending.values().stream().limit(CHUNK).toList());
            }
            if (chunk.isEmpty()) {
                break;
            }
            List<Boolean> results = redis.appendOnce(DriftEventRecords.KEY, chunk, ttl, nowMs);
            synchronized (this) {
                chunk.forEach(e -> pending.remove(e.onceKey(), e));
            }
            for (boolean r : results) {
                if (r) {
                    appended++;
                } else {
                    alreadyThere++;
                }
            }
        }
        if (appended + alreadyThere > 0) {
            LOG.info(
                    "helius: Redis is back; caught up {} Drift event(s) held since it failed ({} were already there)",
                    appended,
                    alreadyThere);
        }
        return new Flushed(appended, alreadyThere);
    }
}
