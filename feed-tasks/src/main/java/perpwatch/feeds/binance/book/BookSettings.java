package perpwatch.feeds.binance.book;

import java.time.Duration;
import perpwatch.core.config.Env;
import perpwatch.feeds.ws.Backoff;

/**
 * Tuning of the binance-book task.
 *
 * @param bufferCapacity      diffs held while a snapshot is on its way (100 ms diffs: 1,000 ≈ 100 s); oldest dropped
 * beyond
 * @param maxLevelsPerSide    memory bound of the book; the levels furthest from the top give way
 * @param depthBandBps        the band around mid whose resting notional is published (10 bps)
 * @param snapshotBackoff     delays after failed snapshot requests
 * @param minSnapshotInterval spacing of snapshot requests, so a resync storm cannot spend the REST weight budget
 * @param minPublishInterval  {@code PERPWATCH_BOOK_MIN_PUBLISH_INTERVAL} (100ms): a changed book is published at
 *                            most once per interval (DESIGN §4: on change, ≤ 10/s)
 * @param keepaliveInterval   {@code PERPWATCH_BOOK_KEEPALIVE_INTERVAL} (1s): an unchanged book is published again
 *                            after this long, if the venue sent anything meanwhile; must stay well inside the book
 *                            stream's silence budget (5 s), which the guards read as "stale"
 * @param snapshotTimeout     connect and response timeout of one snapshot request
 */
public record BookSettings(
        int bufferCapacity,
        int maxLevelsPerSide,
        int depthBandBps,
        Backoff snapshotBackoff,
        Duration minSnapshotInterval,
        Duration minPublishInterval,
        Duration keepaliveInterval,
        Duration snapshotTimeout) {
    public static final Duration DEFAULT_MIN_PUBLISH_INTERVAL = Duration.ofMillis(100);
    public static final Duration DEFAULT_KEEPALIVE_INTERVAL = Duration.ofSeconds(1);

    public BookSettings {
        if (minPublishInterval.isNegative() || minPublishInterval.isZero()) {
            throw new IllegalArgumentException("minPublishInterval must be positive, got " + minPublishInterval);
        }
        if (keepaliveInterval.compareTo(minPublishInterval) < 0) {
            throw new IllegalArgumentException("keepaliveInterval " + keepaliveInterval
                    + " is shorter than minPublishInterval " + minPublishInterval);
        }
    }

    public static BookSettings defaults() {
        return new BookSettings(
                1_000,
                5_000,
                10,
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2),
                Duration.ofMillis(500),
                DEFAULT_MIN_PUBLISH_INTERVAL,
                DEFAULT_KEEPALIVE_INTERVAL,
                Duration.ofSeconds(10));
    }

    /** {@link #defaults()} with the publication cadence from the environment. */
    public static BookSettings fromEnv(Env env) {
        BookSettings d = defaults();
        return new BookSettings(
                d.bufferCapacity(),
                d.maxLevelsPerSide(),
                d.depthBandBps(),
                d.snapshotBackoff(),
                d.minSnapshotInterval(),
                env.duration("PERPWATCH_BOOK_MIN_PUBLISH_INTERVAL", DEFAULT_MIN_PUBLISH_INTERVAL),
                env.duration("PERPWATCH_BOOK_KEEPALIVE_INTERVAL", DEFAULT_KEEPALIVE_INTERVAL),
                d.snapshotTimeout());
    }
}
