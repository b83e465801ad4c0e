package perpwatch.feeds.metrics;

/** The local order book: its sync with the venue, its snapshots and what it published. */
public enum BookCounter implements CounterKey {
    PUBLISHED,
    PUBLISHED_KEEPALIVE,
    BUFFER_OVERFLOWS,
    DROPPED_BEFORE_SNAPSHOT,
    FULL_RESYNCS,
    PU_GAPS,
    RESYNCS,
    SYNCS,
    UPDATES_APPLIED,
    UNREPRESENTABLE_LEVELS,
    CROSSED_BOOKS,
    EMPTY_BOOKS,
    SNAPSHOT_REQUESTS,
    SNAPSHOT_FAILURES,
    SNAPSHOT_RATE_LIMITED,
    SNAPSHOTS_LOADED,
    STALE_SNAPSHOTS,
    UNREQUESTED_SNAPSHOTS;
}
