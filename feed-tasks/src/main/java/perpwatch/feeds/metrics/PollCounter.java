package perpwatch.feeds.metrics;

/** REST polls (bybit-funding): each poll, its retries and what it wrote. */
public enum PollCounter implements CounterKey {
    POLLS,
    POLL_BUGS,
    SNAPSHOTS,
    FAILED_POLLS,
    FAILED_SETTLED_POLLS,
    SETTLED_PRINTS,
    OI_ONE_SIDED_MISSING,
    RETRIES,
    ERRORS,
    RATE_LIMITED,
    MALFORMED;
}
