package perpwatch.local.archive;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.archive.KinesisLogReader;
import perpwatch.archive.LoggedRecord;
import perpwatch.core.kinesis.LogRecord;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.redis.StoreUnavailableException;
import perpwatch.functions.webhook.DriftEventRecords;
import perpwatch.functions.webhook.DriftEventsCatchUp;

/**
 * The local stand-in for the catch-up's Kinesis event source mapping: its own reader (its own position in the log,
 * independent of the archiver's) hands each batch's Drift events to {@link DriftEventsCatchUp}. While Redis is down
 * the batch is kept and retried, and the reader does not move on, as Lambda retries a failed batch.
 */
public final class LocalDriftCatchUp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalDriftCatchUp.class);
    private final KinesisLogReader reader;
    private final DriftEventsCatchUp catchUp;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-drift-catch-up");
        t.setDaemon(true);
        return t;
    });
    /** The batch Redis has not taken yet; the reader is not polled again until it has. */
    private List<LogRecord> held = List.of();

    private long appended;

    public LocalDriftCatchUp(KinesisLogReader reader, RedisStreams redis, Duration seenTtl) {
        this.reader = reader;
        this.catchUp = new DriftEventsCatchUp(redis, seenTtl);
    }

    public LocalDriftCatchUp start() {
        timer.scheduleWithFixedDelay(this::step, 5, 5, TimeUnit.SECONDS);
        return this;
    }

    /** One pass: a held batch first, else whatever is new on the log. Public for tests that drive it by hand. */
    public synchronized DriftEventsCatchUp.Result step() {
        try {
            if (held.isEmpty()) {
                List<LogRecord> drift = new ArrayList<>();
                for (LoggedRecord r : reader.poll(10_000)) {
                    if (DriftEventRecords.KEY.name().equals(r.record().stream())) {
                        drift.add(r.record());
                    }
                }
                held = drift;
            }
            DriftEventsCatchUp.Result result = catchUp.apply(held, System.currentTimeMillis());
            held = List.of();
            if (result.appended() > 0) {
                appended += result.appended();
                LOG.info(
                        "drift catch-up: {} Drift event(s) Redis lacked were appended from the log ({} so far)",
                        result.appended(),
                        appended);
            }
            return result;
        } catch (StoreUnavailableException e) {
            LOG.warn(
                    "drift catch-up: Redis unreachable, {} Drift event(s) held for the next pass: {}",
                    held.size(),
                    e.getMessage());
            return new DriftEventsCatchUp.Result(0, 0);
        } catch (RuntimeException e) {
            LOG.warn("drift catch-up: {}", e.toString());
            return new DriftEventsCatchUp.Result(0, 0);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
