package perpwatch.core.config;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Lets a secret be read again at most once per interval. A rotated secret is re-read when a request fails on it, and
 * failures are what an attacker (or a misconfigured client) can make at will: without this, a flood of bad requests
 * would become a flood of Secrets Manager calls, throttled and billed.
 */
public final class RereadGate {
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private long lastNanos;
    private boolean used;

    public RereadGate(Duration interval, LongSupplier nanoClock) {
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
    }

    public static RereadGate perMinute() {
        return new RereadGate(Duration.ofMinutes(1), System::nanoTime);
    }

    /** True (and the interval starts again) when a re-read is allowed now. */
    public synchronized boolean tryAcquire() {
        long now = nanoClock.getAsLong();
        if (used && now - lastNanos < intervalNanos) {
            return false;
        }
        used = true;
        lastNanos = now;
        return true;
    }
}
