package perpwatch.core.stream;

import java.time.Duration;
import java.util.Objects;

/** A Redis Stream name with the retention enforced when we write to it ({@code XADD … MINID ~ now−retention}). */
public record StreamKey(String name, Duration retention) {
    public StreamKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive: " + name);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
