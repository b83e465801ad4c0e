package perpwatch.core.redis;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.kinesis.DurableLogBuffer;
import perpwatch.core.stream.StreamKey;

/**
 * Writes records to Redis in order, keeping those that failed in a bounded backlog that is retried on the next
 * write or {@link #flush()}. A Redis blip therefore delays records instead of losing them. When the backlog is
 * full the oldest record is dropped, and that loss is counted and logged, never silent.
 */
public final class BufferedStreamWriter {
    private static final Logger LOG = LoggerFactory.getLogger(BufferedStreamWriter.class);

    private record Pending(StreamKey key, Map<String, String> fields) {}

    private final RedisStreams redis;
    private final int capacity;
    private final LongSupplier clock;
    private final ArrayDeque<Pending> backlog = new ArrayDeque<>();
    private long written;
    private long dropped;
    private long failedAttempts;
    private boolean failing;
    private boolean closed;

    /** Also receives every record, when the durable log is on; Redis failures never affect it. */
    private final DurableLogBuffer log;

    public BufferedStreamWriter(RedisStreams redis, int capacity, LongSupplier clock) {
        this(redis, capacity, clock, null);
    }

    public BufferedStreamWriter(RedisStreams redis, int capacity, LongSupplier clock, DurableLogBuffer log) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.redis = redis;
        this.capacity = capacity;
        this.clock = clock;
        this.log = log;
        if (log != null) {
            log.retain();
        }
    }

    /** Queues the record behind any backlog and writes what it can. Returns true when the backlog is empty after. */
    public synchronized boolean write(StreamKey key, Map<String, String> fields) {
        if (log != null) {
            log.offer(key.name(), fields);
        }
        if (backlog.size() == capacity) {
            Pending lost = backlog.removeFirst();
            dropped++;
            LOG.error(
                    "redis backlog full ({} records): dropped the oldest record for {} (total dropped {})",
                    capacity,
                    lost.key(),
                    dropped);
        }
        backlog.addLast(new Pending(key, fields));
        return flush();
    }

    /** Retries the backlog in order; stops at the first failure. Returns true when the backlog is empty. */
    public synchronized boolean flush() {
        while (!backlog.isEmpty()) {
            Pending next = backlog.peekFirst();
            try {
                redis.add(next.key(), next.fields(), clock.getAsLong());
            } catch (StoreUnavailableException e) {
                failedAttempts++;
                if (!failing) {
                    LOG.warn("redis write failed, keeping {} record(s) to retry: {}", backlog.size(), e.getMessage());
                    failing = true;
                }
                return false;
            }
            backlog.removeFirst();
            written++;
            if (failing && backlog.isEmpty()) {
                LOG.info("redis writes recovered; backlog drained");
                failing = false;
            }
        }
        return true;
    }

    /**
     * A last try at the Redis backlog, then lets go of the durable log; the log's last writer ships what it holds
     * before returning (bounded). For a task's close; the writer takes nothing after it.
     */
    public void close() {
        boolean release;
        synchronized (this) {
            flush();
            release = !closed;
            closed = true;
        }
        if (release && log != null) {
            log.release();
        }
    }

    public synchronized int backlog() {
        return backlog.size();
    }

    public synchronized long written() {
        return written;
    }

    public synchronized long dropped() {
        return dropped;
    }

    /**
     * Adds this writer's queues to a task's counters: the Redis backlog and losses, and (when the durable log is on)
     * its backlog, losses and records shipped, so an outage of either store shows in the logs and in health.
     */
    public void describe(Map<String, Long> counters) {
        counters.put("redis_backlog", (long) backlog());
        counters.put("redis_dropped", dropped());
        if (log != null) {
            counters.put("log_backlog", (long) log.backlog());
            counters.put("log_dropped", log.dropped());
            counters.put("log_shipped", log.shipped());
        }
    }

    public synchronized long failedAttempts() {
        return failedAttempts;
    }
}
