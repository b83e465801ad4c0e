package perpwatch.bench.harness;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import perpwatch.archive.ArchivePaths;
import perpwatch.archive.ArchiveRows;
import perpwatch.archive.Dataset;
import perpwatch.archive.HourlyRollup;
import perpwatch.archive.ParquetBytes;
import perpwatch.archive.S3ArchiveStore;

/**
 * Reads the Parquet archive back: rolls the hours a window touches (as the scheduled rollup would) and counts the
 * rows of one stream whose event time falls in the window. Rows the producer sent twice (a retry after a lost
 * answer) have their own sequence numbers; they are counted apart, by content.
 */
final class ArchiveCheck {
    record Count(long rows, long distinct) {}

    private final S3ArchiveStore store;

    ArchiveCheck(S3ArchiveStore store) {
        this.store = store;
    }

    Count rowsWithEventTime(String streamKey, long fromMs, long toMs) {
        long[] rows = {0};
        Set<Map<String, String>> distinct = new HashSet<>();
        forEachRow(streamKey, fromMs, toMs, fields -> {
            long ts = Long.parseLong(fields.get("ts"));
            if (ts >= fromMs && ts < toMs) {
                rows[0]++;
                distinct.add(fields);
            }
        });
        return new Count(rows[0], distinct.size());
    }

    /**
     * Every archived row of a stream written in the hours the window touches (rolled as the scheduled rollup would).
     */
    void forEachRow(String streamKey, long fromMs, long toMs, Consumer<Map<String, String>> visitor) {
        Dataset.Located located =
                Dataset.locate(streamKey).orElseThrow(() -> new IllegalArgumentException("not archived: " + streamKey));
        HourlyRollup rollup = new HourlyRollup(store);
        // Raw parts are filed by the hour they were written: a late write lands in the next hour.
        for (long hour = fromMs / 3_600_000 * 3_600_000; hour <= toMs + 120_000; hour += 3_600_000) {
            String day = ArchivePaths.day(hour);
            String hh = ArchivePaths.hour(hour);
            if (rollup.rollHour(located.dataset(), located.path(), day, hh) == 0) {
                continue;
            }
            byte[] file =
                    store.get(ArchivePaths.hourly(located.path(), day, hh)).orElseThrow();
            for (var row : ParquetBytes.read(file)) {
                visitor.accept(ArchiveRows.fields(located.dataset(), row));
            }
        }
    }

    /** Polls until the archive holds {@code expected} distinct rows for the window, or {@code waitMs} passes. */
    Count await(String streamKey, long fromMs, long toMs, long expected, long waitMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + waitMs;
        Count count = rowsWithEventTime(streamKey, fromMs, toMs);
        while (count.distinct() < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(5_000);
            count = rowsWithEventTime(streamKey, fromMs, toMs);
        }
        return count;
    }
}
