package perpwatch.local.archive;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.archive.ArchivePaths;
import perpwatch.archive.Dataset;
import perpwatch.archive.HourlyRollup;
import perpwatch.archive.KinesisLogReader;
import perpwatch.archive.LoggedRecord;
import perpwatch.archive.RawPartWriter;
import perpwatch.archive.S3ArchiveStore;

/**
 * What the Kinesis event source mapping and the EventBridge schedules do in the cloud, on timers: every few seconds
 * new log records become raw parts; a few minutes past each hour the previous hour is rolled up.
 */
public final class LocalArchiver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalArchiver.class);
    private final KinesisLogReader reader;
    private final RawPartWriter writer;
    private final HourlyRollup rollup;
    private final ScheduledExecutorService timer;
    private long parts;
    private long batches;
    private final Set<String> paths = ConcurrentHashMap.newKeySet();

    public LocalArchiver(KinesisLogReader reader, S3ArchiveStore store) {
        this.reader = reader;
        this.writer = new RawPartWriter(store);
        this.rollup = new HourlyRollup(store);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "local-archiver");
            t.setDaemon(true);
            return t;
        });
    }

    public LocalArchiver start() {
        timer.scheduleWithFixedDelay(this::archive, 5, 5, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::rollPreviousHour, 60, 300, TimeUnit.SECONDS);
        return this;
    }

    private void archive() {
        try {
            List<LoggedRecord> batch = reader.poll(10_000);
            if (!batch.isEmpty()) {
                batch.forEach(r -> paths.add(r.record().stream()));
                List<String> keys = writer.write(batch);
                parts += keys.size();
                if (++batches % 60 == 1) {
                    LOG.info(
                            "archive: {} raw part(s) written so far (last batch {} record(s), e.g. {})",
                            parts,
                            batch.size(),
                            keys.get(0));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("local archiver: {}", e.getMessage());
        }
    }

    /** Rolls the hour before the current one, for every stream seen; a re-run rewrites the same bytes. */
    private void rollPreviousHour() {
        long previous = System.currentTimeMillis() - 3_600_000L;
        for (String stream : paths) {
            Dataset.locate(stream).ifPresent(l -> {
                try {
                    rollup.rollHour(l.dataset(), l.path(), ArchivePaths.day(previous), ArchivePaths.hour(previous));
                } catch (RuntimeException e) {
                    LOG.warn("local rollup of {}: {}", l.path(), e.getMessage());
                }
            });
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
