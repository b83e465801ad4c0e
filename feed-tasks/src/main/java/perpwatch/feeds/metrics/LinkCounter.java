package perpwatch.feeds.metrics;

/** What happened to a task's venue connections and its subscription on them. */
public enum LinkCounter implements CounterKey {
    STARTED,
    CONNECTS,
    DISCONNECTS,
    ACKS,
    PONGS,
    SUBSCRIBE_REFUSED;
}
