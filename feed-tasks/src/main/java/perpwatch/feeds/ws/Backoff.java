package perpwatch.feeds.ws;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential reconnect delay: {@code initial·2^(attempt−1)}, capped at {@code max}, each spread by ±{@code jitter}
 * so a fleet of tasks that lost the venue together does not come back in lockstep.
 */
public record Backoff(Duration initial, Duration max, double jitter) {
    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
    }

    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2);
    }

    /** Delay before reconnect attempt {@code attempt} (1 = the first retry). */
    public Duration delay(int attempt, DoubleSupplier random) {
        int exponent = Math.max(0, Math.min(attempt - 1, 30));
        double base = Math.min((double) max.toMillis(), initial.toMillis() * Math.pow(2, exponent));
        double spread = base * jitter * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis(Math.max(1, Math.round(Math.min(max.toMillis(), base + spread))));
    }
}
