package perpwatch.core.kinesis;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed tasks' side of the durable log: records are queued in memory and a background thread ships them to
 * Kinesis in batches. A Kinesis outage or throttling grows the backlog (visible in {@link #backlog()}) instead of
 * slowing the feeds; when the bound is reached the oldest record is dropped, counted and logged. Independent of
 * Redis: a Redis outage does not stop the archive. A record Kinesis could never take (over 1 MiB) is refused when
 * offered, counted in {@link #refused()}, never queued; any other failure in the shipper is counted in
 * {@link #shipperErrors()} and retried with backoff: the shipper thread only ends when the buffer is closed.
 */
public final class DurableLogBuffer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DurableLogBuffer.class);
    private final KinesisRecordSink sink;
    private final int capacity;
    private final int batchSize;
    private final LongSupplier clock;
    private final ArrayDeque<LogRecord> queue = new ArrayDeque<>();
    private final Thread shipper;
    private volatile boolean running = true;
    private long shipped;
    private long dropped;
    private long offered;
    /** Random per process, so ids from two tasks, or from before and after a restart, never collide. */
    private final String producer = Long.toHexString(new SecureRandom().nextLong());

    private long failedBatches;
    private long refused;
    private long shipperErrors;
    /** Batches shrink to this after repeated failures, never below. */
    static final int MIN_BATCH = 10;

    private int currentBatch;

    public DurableLogBuffer(KinesisRecordSink sink, int capacity, int batchSize, LongSupplier clock) {
        this.sink = sink;
        this.capacity = capacity;
        this.batchSize = Math.min(batchSize, KinesisRecordSink.MAX_RECORDS_PER_CALL);
        this.currentBatch = this.batchSize;
        this.clock = clock;
        this.shipper = new Thread(this::shipLoop, "durable-log-shipper");
        shipper.setDaemon(true);
        shipper.start();
        // A task being stopped (a deploy, a scale-in) gets a few seconds to ship what it holds.
        this.drainAtExit = new Thread(() -> drain(DRAIN_LIMIT), "durable-log-drain");
        Runtime.getRuntime().addShutdownHook(drainAtExit);
    }

    /** How long the last writer's close, or the JVM's exit, waits for the backlog to ship. */
    public static final Duration DRAIN_LIMIT = Duration.ofSeconds(5);

    private final Thread drainAtExit;
    private int holders;
    private boolean closed;

    /** A writer starts using this log (see {@link #release()}). */
    public synchronized void retain() {
        holders++;
    }

    public synchronized int holders() {
        return holders;
    }

    /** Whether the shipper thread still runs (tests: a closed log leaves no thread behind). */
    boolean shipping() {
        return shipper.isAlive();
    }

    /**
     * A writer is done with this log. The last one to leave drains it (up to {@link #DRAIN_LIMIT}) and stops the
     * shipper, so stopping the tasks ships their tail before whatever stops next (the endpoint, the JVM) and leaves
     * no thread behind retrying.
     */
    public void release() {
        synchronized (this) {
            if (holders == 0 || --holders > 0) {
                return;
            }
        }
        drain(DRAIN_LIMIT);
        close();
    }

    /** Waits up to {@code limit} for the backlog to ship; what remains is logged as lost. */
    public void drain(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (backlog() > 0 && running && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int left = backlog();
        if (left > 0) {
            LOG.error("durable log: {} record(s) not shipped at shutdown", left);
        }
    }

    /**
     * Queues a record for Kinesis.
     *
     * @return false when it was not queued: over Kinesis' record limit (counted in {@link #refused()}), or the buffer
     *         is closed (counted in {@link #dropped()})
     */
    public synchronized boolean offer(String stream, Map<String, String> fields) {
        if (closed) {
            // A frame that raced its task's close: nothing will ship it, so it is counted as lost, not queued.
            dropped++;
            LOG.warn(
                    "durable log closed: a record of {} arrived after its writers closed and is not logged (total "
                            + "dropped {})",
                    stream,
                    dropped);
            return false;
        }
        LogRecord record = new LogRecord(stream, fields, clock.getAsLong(), producer + "-" + (offered + 1));
        try {
            KinesisRecordSink.checkSize(record);
        } catch (RecordTooLargeException e) {
            // Queued, it would fail every batch it is in, forever: refuse it here, where the reason is still known.
            refused++;
            LOG.error("durable log: refused a record of {}: {} (total refused {})", stream, e.getMessage(), refused);
            return false;
        }
        offered++;
        if (queue.size() == capacity) {
            LogRecord lost = queue.removeFirst();
            dropped++;
            LOG.error(
                    "durable log backlog full ({} records): dropped the oldest record of {} (total dropped {})",
                    capacity,
                    lost.stream(),
                    dropped);
        }
        queue.addLast(record);
        notifyAll();
        return true;
    }

    /** Records refused when offered because Kinesis could never take them (over 1 MiB). */
    public synchronized long refused() {
        return refused;
    }

    /** Shipper failures other than Kinesis being unavailable (a bug, a surprise from the SDK): each one retried. */
    public synchronized long shipperErrors() {
        return shipperErrors;
    }

    public synchronized int backlog() {
        return queue.size();
    }

    public synchronized long shipped() {
        return shipped;
    }

    public synchronized long dropped() {
        return dropped;
    }

    /** The batch size now: halved on a failed batch, doubled back on each success (up to {@code batchSize}). */
    public synchronized int currentBatch() {
        return currentBatch;
    }

    private void shipLoop() {
        long waitMs = 100;
        while (running) {
            List<LogRecord> batch;
            synchronized (this) {
                while (running && queue.isEmpty()) {
                    try {
                        wait(1_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                batch = new ArrayList<>(Math.min(currentBatch, queue.size()));
                for (LogRecord r : queue) {
                    if (batch.size() == currentBatch) {
                        break;
                    }
                    batch.add(r);
                }
            }
            if (batch.isEmpty()) {
                continue;
            }
            try {
                sink.put(batch);
                synchronized (this) {
                    // Only what was shipped leaves the queue; records dropped meanwhile (bound reached) were older.
                    for (int i = 0; i < batch.size() && !queue.isEmpty(); i++) {
                        if (queue.peekFirst() == batch.get(i)) {
                            queue.removeFirst();
                        }
                    }
                    shipped += batch.size();
                    currentBatch = Math.min(batchSize, currentBatch * 2);
                }
                waitMs = 100;
            } catch (DurableLogUnavailableException e) {
                synchronized (this) {
                    failedBatches++;
                    // A slow or struggling endpoint (timeouts, throttling) gets smaller calls: each is more likely to
                    // finish, and fewer records are resent when an answer is lost.
                    currentBatch = Math.max(MIN_BATCH, currentBatch / 2);
                }
                LOG.warn(
                        "durable log: batch of {} not shipped, {} queued, retrying in {} ms in batches of {}: {}",
                        batch.size(),
                        backlog(),
                        waitMs,
                        currentBatch(),
                        e.getMessage());
                if (!backOff(waitMs)) {
                    return;
                }
                waitMs = Math.min(waitMs * 2, 10_000);
            } catch (RuntimeException e) {
                // Anything else must not end the thread: a dead shipper would grow the backlog silently until records
                // are dropped. Count it, log it with its stack, and retry the same batch after a backoff.
                long errors;
                synchronized (this) {
                    errors = ++shipperErrors;
                    currentBatch = Math.max(MIN_BATCH, currentBatch / 2);
                }
                LOG.error(
                        "durable log: shipper failed on a batch of {} ({} queued, {} such failures so far), "
                                + "retrying in {} ms",
                        batch.size(),
                        backlog(),
                        errors,
                        waitMs,
                        e);
                if (!backOff(waitMs)) {
                    return;
                }
                waitMs = Math.min(waitMs * 2, 10_000);
            }
        }
    }

    /** @return false when interrupted (the buffer is closing) */
    private static boolean backOff(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        running = false;
        shipper.interrupt();
        try {
            Runtime.getRuntime().removeShutdownHook(drainAtExit);
        } catch (IllegalStateException e) {
            // The JVM is already exiting and the hook is running: nothing to remove.
        }
    }
}
