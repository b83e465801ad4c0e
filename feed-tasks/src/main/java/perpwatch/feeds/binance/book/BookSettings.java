package perpwatch.feeds.binance.book;

import java.time.Duration;
import perpwatch.feeds.ws.Backoff;

/**
 * Tuning of the binance-book task.
 *
 * @param bufferCapacity      diffs held while a snapshot is on its way (100 ms diffs: 1,000 ≈ 100 s); oldest dropped beyond
 * @param maxLevelsPerSide    memory bound of the book; the levels furthest from the top give way
 * @param depthBandBps        the band around mid whose resting notional is published (10 bps)
 * @param snapshotBackoff     delays after failed snapshot requests
 * @param minSnapshotInterval spacing of snapshot requests, so a resync storm cannot spend the REST weight budget
 * @param publishInterval     at most one book entry per interval
 * @param snapshotTimeout     connect and response timeout of one snapshot request
 */
public record BookSettings(int bufferCapacity, int maxLevelsPerSide, int depthBandBps, Backoff snapshotBackoff,
                           Duration minSnapshotInterval, Duration publishInterval, Duration snapshotTimeout) {

    public static BookSettings defaults() {
        return new BookSettings(1_000, 5_000, 10, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2),
                Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(10));
    }
}
