package perpwatch.core.stream;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A Redis Stream name with the retention enforced when we write to it ({@code XADD … MINID ~ now−retention}), and,
 * for streams written on a cadence, how long it may stay silent before its feed counts as behind. Event-driven
 * streams (liquidations, webhooks) have no silence budget: quiet is normal there.
 */
public record StreamKey(String name, Duration retention, Optional<Duration> silenceBudget) {
    public StreamKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(silenceBudget, "silenceBudget");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive: " + name);
        }
    }

    /** An event-driven stream: no silence budget. */
    public StreamKey(String name, Duration retention) {
        this(name, retention, Optional.empty());
    }

    public StreamKey withSilenceBudget(Duration budget) {
        return new StreamKey(name, retention, Optional.of(budget));
    }

    @Override
    public String toString() {
        return name;
    }
}
