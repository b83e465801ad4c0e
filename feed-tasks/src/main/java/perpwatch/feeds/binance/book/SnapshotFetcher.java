package perpwatch.feeds.binance.book;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.feeds.metrics.BookCounter;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.metrics.LogSampler;
import perpwatch.feeds.ws.Backoff;

/**
 * The thread that fetches REST snapshots whenever the synchronizer asks for one, apart from the socket so the
 * diff stream keeps being buffered meanwhile. Requests are spaced by a minimum interval (a 1000-level snapshot costs
 * 20 of the 2,400 weight a minute); failures back off exponentially, or as long as the venue's Retry-After says.
 * Nothing here can end the task: every failure is counted, logged and retried.
 */
final class SnapshotFetcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFetcher.class);
    private static final long POLL_MS = 10;

    private final String name;
    private final DepthSnapshotClient client;
    private final BooleanSupplier needed;
    private final Consumer<DepthSnapshot> deliver;
    private final Backoff backoff;
    private final Duration minInterval;
    private final FeedCounters counters;
    private final Thread thread;
    private volatile boolean running;

    SnapshotFetcher(
            String name,
            DepthSnapshotClient client,
            BooleanSupplier needed,
            Consumer<DepthSnapshot> deliver,
            Backoff backoff,
            Duration minInterval,
            FeedCounters counters) {
        this.name = name;
        this.client = client;
        this.needed = needed;
        this.deliver = deliver;
        this.backoff = backoff;
        this.minInterval = minInterval;
        this.counters = counters;
        this.thread = new Thread(this::run, name + "-snapshot");
        this.thread.setDaemon(true);
    }

    void start() {
        running = true;
        thread.start();
    }

    private void run() {
        int failures = 0;
        long lastRequestAt = Long.MIN_VALUE / 2;
        try {
            while (running) {
                if (!needed.getAsBoolean()) {
                    Thread.sleep(POLL_MS);
                    continue;
                }
                long wait = lastRequestAt + minInterval.toMillis() - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                lastRequestAt = System.currentTimeMillis();
                counters.increment(BookCounter.SNAPSHOT_REQUESTS);
                try {
                    DepthSnapshot snapshot = client.fetch();
                    failures = 0;
                    deliver.accept(snapshot);
                } catch (SnapshotUnavailableException e) {
                    failures++;
                    Thread.sleep(failed(e, failures).toMillis());
                } catch (RuntimeException e) {
                    failures++;
                    counters.increment(BookCounter.SNAPSHOT_FAILURES);
                    LOG.error("[{}] snapshot handling failed; retrying", name, e);
                    Thread.sleep(backoff.delay(failures, ThreadLocalRandom.current()::nextDouble)
                            .toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Duration failed(SnapshotUnavailableException e, int failures) {
        long n = counters.incrementAndGet(BookCounter.SNAPSHOT_FAILURES);
        Duration delay = backoff.delay(failures, ThreadLocalRandom.current()::nextDouble);
        if (e.rateLimited()) {
            counters.increment(BookCounter.SNAPSHOT_RATE_LIMITED);
            // A 418 is a ban for having ignored 429s: no quick retry, and never sooner than the venue asks.
            Duration floor = e.retryAfter().orElse(e.status() == 418 ? backoff.max() : Duration.ZERO);
            delay = delay.compareTo(floor) >= 0 ? delay : floor;
        }
        if (LogSampler.shouldLog(n)) {
            LOG.warn(
                    "[{}] snapshot unavailable (failure #{}, retry in {} ms): {}",
                    name,
                    n,
                    delay.toMillis(),
                    e.getMessage());
        }
        return delay;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
