package perpwatch.feeds.throttle;

import java.util.Optional;

/**
 * Publishes the latest value at most once per interval: the first value after a quiet interval goes out at once,
 * later ones wait and only the newest of them is released by {@link #poll(long)}. Not thread-safe.
 */
public final class LatestValueThrottle<T> {
    private final long intervalMs;
    private long lastEmitAt = Long.MIN_VALUE / 2;
    private T pending;

    public LatestValueThrottle(long intervalMs) {
        this.intervalMs = intervalMs;
    }

    /** Offers a new value; returns it when it may be published now. */
    public Optional<T> offer(T value, long nowMs) {
        pending = value;
        return poll(nowMs);
    }

    /** Releases the pending value once the interval since the last release has passed. */
    public Optional<T> poll(long nowMs) {
        if (pending == null || nowMs - lastEmitAt < intervalMs) {
            return Optional.empty();
        }
        T value = pending;
        pending = null;
        lastEmitAt = nowMs;
        return Optional.of(value);
    }
}
