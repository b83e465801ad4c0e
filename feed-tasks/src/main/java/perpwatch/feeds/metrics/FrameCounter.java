package perpwatch.feeds.metrics;

/** What the frames a venue sent turned out to be, and which were dropped before any use. */
public enum FrameCounter implements CounterKey {
    FRAMES,
    MALFORMED,
    VENUE_ERRORS,
    UNHANDLED_EVENTS,
    UNEXPECTED_CHANNEL,
    OTHER_SYMBOL,
    OTHER_INSTRUMENT,
    BAD_ROWS,
    DUPLICATES;
}
