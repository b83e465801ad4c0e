package perpwatch.functions.guards;

import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.kinesis.LogRecord;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.stream.StreamKeys;
import perpwatch.functions.durable.DurableLog;

/**
 * Records what the guards said, so that after a bad trade someone can ask what they said at 14:03:07: every change of
 * status, and while the status is {@code breach} at most one answer a second. A decision goes to the durable log
 * first (the Parquet archive is built from it, and it does not depend on Redis: a Redis outage is exactly when the
 * answers are breaches worth keeping), then to Redis for the history route.
 *
 * <p>Writes run on one background thread so an answer never waits for Kinesis; the queue is bounded, and a decision
 * that does not fit is counted and logged, never silently lost. Each API instance logs its own decisions (its
 * {@code instance} and {@code seq} tell them apart); a Lambda thread frozen between invocations resumes its writes on
 * the next one.
 */
@Singleton
@Bean(preDestroy = "close")
public class DecisionLog {
    private static final Logger LOG = LoggerFactory.getLogger(DecisionLog.class);
    static final long BREACH_INTERVAL_MS = 1_000;
    /**
     * Redis keeps 30 days of decisions, but a breach that lasts (a dead feed) writes one a second: about 1 KB each,
     * 86,400 a day. The newest 100,000 (over a day of continuous breach, ~100 MB) are kept in Redis; the archive keeps
     * all.
     */
    static final long REDIS_MAX_DECISIONS = 100_000;

    private static final int QUEUE = 10_000;

    private final RedisStreams redis;
    private final DurableLog log;
    private final Clock clock;
    private final ThreadPoolExecutor writer;
    private final Map<String, Last> last = new ConcurrentHashMap<>();
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong logFailures = new AtomicLong();
    private final AtomicLong redisFailures = new AtomicLong();

    /** The last decision recorded for a symbol: its status and when a breach was last written. */
    private record Last(GuardStatus status, long breachWrittenMs, long seq) {}

    DecisionLog(RedisStreams redis, DurableLog log, Clock clock) {
        this.redis = redis;
        this.log = log;
        this.clock = clock;
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "guards-decision-log");
            t.setDaemon(true);
            return t;
        });
    }

    /** Records the answer when it is a decision worth keeping; cheap when it is not (the usual case). */
    void offer(Instrument instrument, GuardsResponse answer) {
        boolean[] take = new boolean[1];
        last.compute(instrument.canonical(), (symbol, previous) -> {
            if (previous != null && previous.seq() >= answer.seq()) {
                return previous; // an older answer computed concurrently: the newer one already decided
            }
            boolean changed = previous == null || previous.status() != answer.status();
            boolean breachDue = answer.status() == GuardStatus.BREACH
                    && (previous == null || answer.ts() - previous.breachWrittenMs() >= BREACH_INTERVAL_MS);
            take[0] = changed || breachDue;
            if (!take[0]) {
                return new Last(answer.status(), previous.breachWrittenMs(), answer.seq());
            }
            return new Last(
                    answer.status(),
                    answer.status() == GuardStatus.BREACH ? answer.ts() : Long.MIN_VALUE / 2,
                    answer.seq());
        });
        if (!take[0]) {
            return;
        }
        try {
            writer.execute(() -> write(StreamKeys.guardDecisions(instrument), answer));
        } catch (RejectedExecutionException e) {
            long n = dropped.incrementAndGet();
            LOG.error(
                    "guards decision log full: dropped the {} decision seq={} for {} ({} dropped so far)",
                    answer.status().wire(),
                    answer.seq(),
                    instrument.canonical(),
                    n);
        }
    }

    private void write(StreamKey key, GuardsResponse answer) {
        long now = clock.millis();
        Map<String, String> fields = DecisionRecord.fields(answer, now);
        try {
            log.append(List.of(new LogRecord(key.name(), fields, now, DecisionRecord.id(answer))));
        } catch (RuntimeException e) {
            long n = logFailures.incrementAndGet();
            LOG.warn(
                    "guards decision seq={} {} not written to the durable log ({} such so far): {}",
                    answer.seq(),
                    answer.status().wire(),
                    n,
                    e.getMessage());
        }
        try {
            redis.add(key, fields, now);
            recorded.incrementAndGet();
            if (recorded.get() % 100 == 0) {
                redis.trimToLength(key, REDIS_MAX_DECISIONS);
            }
        } catch (RuntimeException e) {
            long n = redisFailures.incrementAndGet();
            LOG.warn(
                    "guards decision seq={} {} not written to {} ({} such so far): {}",
                    answer.seq(),
                    answer.status().wire(),
                    key,
                    n,
                    e.getMessage());
        }
    }

    /** Decisions written to Redis, dropped for a full queue, refused by the durable log, refused by Redis. */
    public Map<String, Long> counters() {
        return Map.of(
                "recorded",
                recorded.get(),
                "dropped",
                dropped.get(),
                "log_failures",
                logFailures.get(),
                "redis_failures",
                redisFailures.get());
    }

    /** Waits until every decision offered so far has been written (tests, shutdown). */
    public boolean drain(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (writer.getCompletedTaskCount() < writer.getTaskCount()) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn(
                        "guards decision log closed with {} decisions unwritten",
                        writer.getQueue().size());
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
