package perpwatch.functions.guards;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import perpwatch.core.stream.FieldCodec;
import perpwatch.core.stream.MalformedRecordException;
import perpwatch.core.stream.StreamEntry;

/**
 * Collects, for one guards evaluation, each metric's age and whether its data can be used: a value is used only
 * when it decodes, is within its staleness budget and was not stamped in this API's future by a skewed clock;
 * otherwise the metric is unknown and a warning says why.
 */
final class MetricChecks {
    private final long nowMs;
    private final long clockSkewMaxMs;
    private final List<String> warnings = new ArrayList<>();
    private final Map<GuardMetric, Long> ages = new EnumMap<>(GuardMetric.class);
    private final Map<GuardMetric, String> unknown = new EnumMap<>(GuardMetric.class);
    private final Map<GuardMetric, String> notConfigured = new EnumMap<>(GuardMetric.class);
    private boolean anyFresh;
    private boolean anyStale;
    private long headroomMs = Long.MAX_VALUE;

    MetricChecks(long nowMs, Duration clockSkewMax) {
        this.nowMs = nowMs;
        this.clockSkewMaxMs = clockSkewMax.toMillis();
    }

    /**
     * @param stream   the Redis stream the entry came from, named in a clock-skew warning
     * @param dataTime when the data describes the market (venue time), from which age is measured
     */
    <T> Optional<T> fresh(
            GuardMetric metric,
            String stream,
            Optional<StreamEntry> entry,
            FieldCodec<T> codec,
            ToLongFunction<T> dataTime,
            Duration maxAge) {
        return fresh(List.of(metric), stream, entry, codec, dataTime, maxAge);
    }

    /** Several metrics read from one entry (spread and depth from one book): one age each, one warning for all. */
    <T> Optional<T> fresh(
            List<GuardMetric> metrics,
            String stream,
            Optional<StreamEntry> entry,
            FieldCodec<T> codec,
            ToLongFunction<T> dataTime,
            Duration maxAge) {
        metrics = metrics.stream().filter(m -> !notConfigured.containsKey(m)).toList();
        if (metrics.isEmpty()) {
            return Optional.empty();
        }
        String label = String.join(", ", metrics.stream().map(GuardMetric::wire).toList());
        if (entry.isEmpty()) {
            unknown(metrics, null, label, "no data");
            return Optional.empty();
        }
        T value;
        try {
            value = codec.decode(entry.get().fields());
        } catch (MalformedRecordException e) {
            anyStale = true;
            unknown(metrics, null, label, "latest entry is unreadable (" + e.getMessage() + ")");
            return Optional.empty();
        }
        long stamped = dataTime.applyAsLong(value);
        long ahead = Math.max(stamped, recvTs(entry.get()).orElse(stamped)) - nowMs;
        if (ahead > clockSkewMaxMs) {
            // A writer's clock ahead of ours would make old data look fresh for as long as the skew: unprovable.
            anyStale = true;
            unknown(
                    metrics,
                    null,
                    label,
                    "clock skew: " + stream + " is stamped " + ahead + " ms ahead of this API's clock (max "
                            + clockSkewMaxMs + " ms)");
            return Optional.empty();
        }
        long age = Math.max(0, nowMs - stamped);
        if (age > maxAge.toMillis()) {
            anyStale = true;
            unknown(metrics, age, label, "stale, " + age + " ms old (max " + maxAge.toMillis() + " ms)");
            return Optional.empty();
        }
        metrics.forEach(m -> ages.put(m, age));
        anyFresh = true;
        headroomMs = Math.min(headroomMs, maxAge.toMillis() - age);
        return Optional.of(value);
    }

    /**
     * A metric computed from several inputs elsewhere (basis): its age, and either the problem that made it unknown
     * or the freshness it has left.
     */
    void derived(GuardMetric metric, Long ageMs, String problem, long headroom) {
        if (notConfigured.containsKey(metric)) {
            return;
        }
        ages.put(metric, ageMs);
        if (problem != null) {
            unknown.put(metric, problem);
            warnings.add(metric.wire() + ": " + problem);
            if (ageMs != null) {
                anyStale = true;
            }
            return;
        }
        anyFresh = true;
        headroomMs = Math.min(headroomMs, headroom);
    }

    /** A metric whose data is fresh but was judged elsewhere (the liquidation count): its age only. */
    void known(GuardMetric metric, Long ageMs) {
        if (notConfigured.containsKey(metric)) {
            return;
        }
        ages.put(metric, ageMs);
    }

    /** A threshold crossed by a fresh metric, or a caveat about one: a warning that does not make the data stale. */
    void warn(String message) {
        warnings.add(message);
    }

    /** A metric that cannot be judged at all (its feed never wrote, or no venue is connected). */
    void missing(GuardMetric metric, String why) {
        if (notConfigured.containsKey(metric)) {
            return;
        }
        unknown(List.of(metric), null, metric.wire(), why);
    }

    /**
     * A metric whose venue the instrument does not list, recorded before any data is read: no check then makes it
     * unknown or stale. Only a required one is a warning line, since only it changes the verdict (to breach).
     */
    void notConfigured(GuardMetric metric, String reason, boolean required) {
        notConfigured.put(metric, reason);
        if (required) {
            warnings.add(metric.wire() + ": required, but " + reason);
        }
    }

    /** Why the metric is not configured for this instrument, or null when it is. */
    String notConfiguredReason(GuardMetric metric) {
        return notConfigured.get(metric);
    }

    private void unknown(List<GuardMetric> metrics, Long age, String label, String why) {
        metrics.forEach(m -> {
            ages.put(m, age);
            unknown.put(m, why);
        });
        warnings.add(label + ": " + why);
    }

    private static Optional<Long> recvTs(StreamEntry entry) {
        try {
            String raw = entry.field("recv_ts");
            return raw == null ? Optional.empty() : Optional.of(Long.parseLong(raw));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Why the metric is unknown, or null when its data is fresh. */
    String unknownReason(GuardMetric metric) {
        return unknown.get(metric);
    }

    Long age(GuardMetric metric) {
        return ages.get(metric);
    }

    /** How long until the first fresh metric turns stale: an answer must not be reused beyond this. */
    long headroomMs() {
        return headroomMs;
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Every metric's age by its wire name, in the answer's order; null where there is none. */
    Map<String, Long> ages() {
        Map<String, Long> byName = new LinkedHashMap<>();
        for (GuardMetric metric : GuardMetric.values()) {
            byName.put(metric.wire(), ages.get(metric));
        }
        return Collections.unmodifiableMap(byName);
    }

    DataSource dataSource() {
        if (anyStale) {
            return DataSource.STALE;
        }
        return anyFresh ? DataSource.LIVE : DataSource.UNAVAILABLE;
    }
}
