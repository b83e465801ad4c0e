package perpwatch.feeds.onchain.scan;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.config.Redactor;
import perpwatch.core.redis.StoreUnavailableException;
import perpwatch.feeds.FeedTask;
import perpwatch.feeds.concurrent.DaemonThreads;
import perpwatch.feeds.solana.SolanaRpcException;

/**
 * {@code drift-liq-map}: scans Drift at start-up and then every interval, one scan at a time (a single thread; a
 * scan that overruns the interval delays the next instead of overlapping it). A failed scan publishes nothing —
 * the last good map stays, with its age visible — and is retried after a shorter pause.
 */
public final class DriftLiqMapTask implements FeedTask {
    private static final Logger LOG = LoggerFactory.getLogger(DriftLiqMapTask.class);

    private final DriftLiqMapScanner scanner;
    private final LiqMapPublisher publisher;
    private final Optional<LiqMapArchive> archive;
    private final AtomicLong archiveFailures = new AtomicLong();
    private final Duration interval;
    private final Duration retryAfterFailure;
    private final ScheduledExecutorService thread = DaemonThreads.singleScheduler("drift-liq-map");
    private final AtomicLong scans = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong lastPositions = new AtomicLong(-1);
    private final AtomicLong lastUndecodable = new AtomicLong();
    private volatile boolean seeded;

    public DriftLiqMapTask(
            DriftLiqMapScanner scanner, LiqMapPublisher publisher, Optional<LiqMapArchive> archive, Duration interval) {
        this.scanner = scanner;
        this.publisher = publisher;
        this.archive = archive;
        if (archive.isEmpty()) {
            LOG.info("PERPWATCH_ARCHIVE_BUCKET is not set: liquidation maps go to Redis only, not to S3 Parquet");
        }
        this.interval = interval;
        this.retryAfterFailure = interval.compareTo(Duration.ofMinutes(5)) < 0 ? interval : Duration.ofMinutes(5);
    }

    @Override
    public String name() {
        return "drift-liq-map";
    }

    @Override
    public void start() {
        thread.execute(this::runAndReschedule);
    }

    private void runAndReschedule() {
        Duration next = interval;
        if (!seeded) {
            // Before the first scan: the last published population, so a capped answer after a restart is refused.
            publisher.lastAccounts(scanner.program()).ifPresent(scanner::seedPopulation);
            seeded = true;
        }
        try {
            LiqMap map = scanner.scan();
            publisher.publish(map, archived(map));
            scans.incrementAndGet();
            lastPositions.set(map.positions().size());
            lastUndecodable.set(map.undecodable());
        } catch (ScanRefusedException e) {
            refused.incrementAndGet();
            next = retryAfterFailure;
            LOG.error(
                    "drift scan refused, nothing published (the previous map stays, its age visible); next try in "
                            + "{}: {}",
                    next,
                    Redactor.message(e));
        } catch (SolanaRpcException | StoreUnavailableException | IllegalStateException e) {
            failed.incrementAndGet();
            next = retryAfterFailure;
            LOG.error(
                    "drift scan failed, nothing published (the previous map stays); next try in {}: {}",
                    next,
                    Redactor.message(e));
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            next = retryAfterFailure;
            LOG.error("drift scan failed unexpectedly; next try in {}", next, e);
        }
        if (!thread.isShutdown()) {
            thread.schedule(this::runAndReschedule, next.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** A scan S3 refuses is still a good scan: it is published without an {@code s3_key}, and the failure counted. */
    private String archived(LiqMap map) {
        if (archive.isEmpty()) {
            return "";
        }
        try {
            return archive.get().store(map);
        } catch (RuntimeException e) {
            archiveFailures.incrementAndGet();
            LOG.error(
                    "drift scan {}: Parquet not archived to S3 ({}); the map is published without it",
                    map.scanId(),
                    Redactor.message(e));
            return "";
        }
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("scans", scans.get());
        c.put("scans_failed", failed.get());
        c.put("scans_refused", refused.get());
        c.put("last_positions", lastPositions.get());
        c.put("last_undecodable", lastUndecodable.get());
        c.put("archive_failures", archiveFailures.get());
        c.putAll(scanner.badInput().counters());
        return c;
    }

    @Override
    public void close() {
        thread.shutdownNow();
        archive.ifPresent(LiqMapArchive::close);
    }
}
