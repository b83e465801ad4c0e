package perpwatch.functions.guards;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * At most one log line per interval for a condition every request meets at once (Redis down at 20,000 requests a
 * second would otherwise write 20,000 lines a second and make the outage worse), and how many were folded into it.
 * The first occurrence is always written, so an alarm counting the line still fires at once.
 */
final class ThrottledWarning {
    private final long intervalMs;
    private final LongSupplier clock;
    private final AtomicLong lastWritten = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong folded = new AtomicLong();

    ThrottledWarning(long intervalMs, LongSupplier clock) {
        this.intervalMs = intervalMs;
        this.clock = clock;
    }

    /**
     * {@code -1} when this occurrence is folded into the last line written; else how many were folded since that line
     * (this occurrence is to be written).
     */
    long occurred() {
        long now = clock.getAsLong();
        long last = lastWritten.get();
        if (last != Long.MIN_VALUE && now - last < intervalMs) {
            folded.incrementAndGet();
            return -1;
        }
        if (!lastWritten.compareAndSet(last, now)) {
            folded.incrementAndGet();
            return -1;
        }
        return folded.getAndSet(0);
    }
}
