package perpwatch.functions.guards;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import perpwatch.core.stream.FieldCodec;
import perpwatch.core.stream.MalformedRecordException;
import perpwatch.core.stream.StreamEntry;

/**
 * Collects, for one guards evaluation, each metric's age and verdict: a value is used only when it decodes and is
 * within its staleness budget; otherwise the metric reads as absent and a warning says why.
 */
final class MetricChecks {
    private final long nowMs;
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Long> ages = new LinkedHashMap<>();
    private boolean anyFresh;
    private boolean anyStale;
    private long headroomMs = Long.MAX_VALUE;

    MetricChecks(long nowMs) {
        this.nowMs = nowMs;
    }

    /**
     * @param dataTime when the data describes the market (venue time), from which age is measured
     */
    <T> Optional<T> fresh(String metric, Optional<StreamEntry> entry, FieldCodec<T> codec, ToLongFunction<T> dataTime, Duration maxAge) {
        return fresh(List.of(metric), entry, codec, dataTime, maxAge);
    }

    /** Several metrics read from one entry (spread and depth from one book): one age each, one warning for all. */
    <T> Optional<T> fresh(List<String> metrics, Optional<StreamEntry> entry, FieldCodec<T> codec, ToLongFunction<T> dataTime, Duration maxAge) {
        String label = String.join(", ", metrics);
        if (entry.isEmpty()) {
            metrics.forEach(m -> ages.put(m, null));
            warnings.add(label + ": no data");
            return Optional.empty();
        }
        T value;
        try {
            value = codec.decode(entry.get().fields());
        } catch (MalformedRecordException e) {
            metrics.forEach(m -> ages.put(m, null));
            warnings.add(label + ": latest entry is unreadable (" + e.getMessage() + ")");
            anyStale = true;
            return Optional.empty();
        }
        long age = Math.max(0, nowMs - dataTime.applyAsLong(value));
        metrics.forEach(m -> ages.put(m, age));
        if (age > maxAge.toMillis()) {
            anyStale = true;
            warnings.add(label + ": stale, " + age + " ms old (max " + maxAge.toMillis() + " ms)");
            return Optional.empty();
        }
        anyFresh = true;
        headroomMs = Math.min(headroomMs, maxAge.toMillis() - age);
        return Optional.of(value);
    }

    /**
     * A metric computed from several inputs elsewhere (basis): its age, and either the problem that made it absent
     * or the freshness it has left.
     */
    void derived(String metric, Long ageMs, String problem, long headroom) {
        ages.put(metric, ageMs);
        if (problem != null) {
            warnings.add(metric + ": " + problem);
            if (ageMs != null) {
                anyStale = true;
            }
            return;
        }
        anyFresh = true;
        headroomMs = Math.min(headroomMs, headroom);
    }

    /** A threshold crossed by a fresh metric: a warning that does not make the data stale. */
    void thresholdCrossed(String message) {
        warnings.add(message);
    }

    /** A metric with no data at all (its feed has never written, or is not deployed). */
    void missing(String metric) {
        missing(metric, "no data");
    }

    void missing(String metric, String why) {
        ages.put(metric, null);
        warnings.add(metric + ": " + why);
    }

    /** How long until the first fresh metric turns stale: an answer must not be reused beyond this. */
    long headroomMs() {
        return headroomMs;
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    Map<String, Long> ages() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ages));
    }

    String dataSource() {
        if (anyStale) {
            return GuardsResponse.STALE;
        }
        return anyFresh ? GuardsResponse.LIVE : GuardsResponse.UNAVAILABLE;
    }
}
