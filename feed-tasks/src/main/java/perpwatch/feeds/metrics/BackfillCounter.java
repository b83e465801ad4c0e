package perpwatch.feeds.metrics;

/** REST backfill of the aggregate-trade ids a reconnect or a gap left out. */
public enum BackfillCounter implements CounterKey {
    BACKFILLED,
    BACKFILL_PAGES,
    BACKFILL_REQUESTS,
    BACKFILL_FETCHED,
    BACKFILL_FAILURES,
    BACKFILL_RATE_LIMITED;
}
