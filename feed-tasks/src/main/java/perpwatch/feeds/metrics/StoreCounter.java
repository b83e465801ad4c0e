package perpwatch.feeds.metrics;

/** Writes of side records to Redis (link status, consumer groups) and why they did not happen. */
public enum StoreCounter implements CounterKey {
    PUBLISHED,
    REDIS_UNAVAILABLE,
    GROUPS_CREATED,
    ERRORS;
}
