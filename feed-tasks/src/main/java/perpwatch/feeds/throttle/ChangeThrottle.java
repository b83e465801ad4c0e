package perpwatch.feeds.throttle;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Publishes a value when what readers see of it (its view) changed, at most once per minimum interval; a value
 * whose view equals the last one published goes out again only as a keepalive, once the keepalive interval has
 * passed since the last release. Between releases only the newest offered value is kept: a change that is undone
 * within one interval is never published. Not thread-safe.
 *
 * @param <T> the value; its view decides "changed" and may leave out fields that move on every offer (timestamps)
 */
public final class ChangeThrottle<T> {
    /** Why a value was released. */
    public enum Reason {
        CHANGED,
        KEEPALIVE
    }

    public record Release<T>(T value, Reason reason) {}

    private final long minIntervalMs;
    private final long keepaliveMs;
    private final Function<T, ?> view;
    private long lastReleaseAt = Long.MIN_VALUE / 2;
    private Object lastView;
    private T pending;

    public ChangeThrottle(long minIntervalMs, long keepaliveMs, Function<T, ?> view) {
        if (minIntervalMs < 0 || keepaliveMs < minIntervalMs) {
            throw new IllegalArgumentException(
                    "need 0 <= minInterval <= keepalive, got " + minIntervalMs + " ms and " + keepaliveMs + " ms");
        }
        this.minIntervalMs = minIntervalMs;
        this.keepaliveMs = keepaliveMs;
        this.view = Objects.requireNonNull(view, "view");
    }

    /** Offers the newest value (replacing any not yet released); returns it when it may be published now. */
    public Optional<Release<T>> offer(T value, long nowMs) {
        pending = Objects.requireNonNull(value, "value");
        return poll(nowMs);
    }

    /** Releases the pending value if it changed and the minimum interval passed, or as a due keepalive. */
    public Optional<Release<T>> poll(long nowMs) {
        long sinceLast = nowMs - lastReleaseAt;
        if (pending == null || sinceLast < minIntervalMs) {
            return Optional.empty();
        }
        Object pendingView = view.apply(pending);
        Reason reason;
        if (!pendingView.equals(lastView)) {
            reason = Reason.CHANGED;
        } else if (sinceLast >= keepaliveMs) {
            reason = Reason.KEEPALIVE;
        } else {
            // Unchanged and no keepalive due: keep it, it may serve as the keepalive later.
            return Optional.empty();
        }
        T value = pending;
        pending = null;
        lastView = pendingView;
        lastReleaseAt = nowMs;
        return Optional.of(new Release<>(value, reason));
    }

    /** Drops the pending value: it no longer describes the source (e.g. the book went out of sync). */
    public void discard() {
        pending = null;
    }
}
