package perpwatch.functions.guards;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * An asynchronous read that a caller may be answered from without a round trip, if it <em>started</em> no longer
 * than {@code maxLagNanos} before the caller asked; otherwise the caller waits for a read that starts after it asked
 * ({@link NextRead}'s contract). So every answer reflects everything that reached Redis up to {@code maxLagNanos}
 * before the request, and nothing older is ever served: with a lag of zero this is exactly {@link NextRead}.
 *
 * <p>Why: with one round trip per request the guards' tail was Redis' tail (a process waiting for a core on a shared
 * box), far behind a route that answers from memory. The guards change about once a second and their staleness
 * budgets are seconds, so a bounded lag of milliseconds costs the engine nothing it could act on, and it is stated
 * (the thresholds route's {@code read_lag_max_ms}).
 *
 * <p>A caller answered from a read older than half the lag starts the next read (unless one is out), so under steady
 * load reads run ahead of the requests and none waits; when requests stop, reads stop too (no timer, nothing that
 * runs in a frozen Lambda). A failed read is never kept: once the last good one is older than the lag, callers wait
 * for a read of their own again and see the failure.
 */
final class RecentRead<T> {
    private final NextRead<T> next;
    private final long maxLagNanos;
    private final LongSupplier nanos;
    private final AtomicInteger reading = new AtomicInteger();
    private volatile Stamped<T> latest;

    private record Stamped<T>(long startedNanos, T value) {}

    RecentRead(Supplier<CompletableFuture<T>> read, long maxLagNanos, LongSupplier nanos) {
        if (maxLagNanos < 0) {
            throw new IllegalArgumentException("the read lag cannot be negative: " + maxLagNanos);
        }
        this.maxLagNanos = maxLagNanos;
        this.nanos = nanos;
        this.next = new NextRead<>(() -> stamped(read));
    }

    /** A read that started at most the lag before now, or the next read to start. */
    CompletableFuture<T> get() {
        long asked = nanos.getAsLong();
        Stamped<T> last = latest;
        if (last != null && maxLagNanos > 0) {
            long age = asked - last.startedNanos();
            // Negative when a read started between the two lines above: newer still.
            if (age <= maxLagNanos) {
                if (age > maxLagNanos / 2 && reading.get() == 0) {
                    next.get(); // read ahead; its value lands in latest
                }
                return CompletableFuture.completedFuture(last.value());
            }
        }
        return next.get();
    }

    private CompletableFuture<T> stamped(Supplier<CompletableFuture<T>> read) {
        long started = nanos.getAsLong();
        reading.incrementAndGet();
        CompletableFuture<T> result;
        try {
            result = read.get();
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        // Kept before NextRead hands the value to its callers or starts the read queued behind this one.
        return result.whenComplete((value, failure) -> {
            reading.decrementAndGet();
            if (failure == null) {
                keep(started, value);
            }
        });
    }

    /** Keeps the read that started last; reads may complete out of order. */
    private synchronized void keep(long started, T value) {
        Stamped<T> last = latest;
        if (last == null || started - last.startedNanos() > 0) {
            latest = new Stamped<>(started, value);
        }
    }
}
