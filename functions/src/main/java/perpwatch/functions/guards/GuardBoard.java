package perpwatch.functions.guards;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every metric's entry in {@code guards} for one evaluation: not configured, unknown with the freshness check's
 * reason, or its judged state with the value it was judged on. A crossing's reason also becomes a warning line.
 */
final class GuardBoard {
    private final MetricChecks checks;
    private final Map<GuardMetric, Threshold> bounds;
    private final Set<GuardMetric> required;
    private final Map<GuardMetric, MetricGuard> guards = new LinkedHashMap<>();

    /** @param required the metrics required for this instrument ({@link GuardPolicy#requiredFor}) */
    GuardBoard(MetricChecks checks, Map<GuardMetric, Threshold> bounds, Set<GuardMetric> required) {
        this.checks = checks;
        this.bounds = bounds;
        this.required = required;
    }

    /** @param judged null when the metric has no fresh value to judge */
    void judge(GuardMetric metric, Object value, Judged judged) {
        String unknownReason = checks.unknownReason(metric);
        Threshold bound = bounds.get(metric);
        boolean isRequired = required.contains(metric);
        String notConfigured = checks.notConfiguredReason(metric);
        if (notConfigured != null) {
            guards.put(
                    metric, new MetricGuard(GuardState.NOT_CONFIGURED, null, null, bound, isRequired, notConfigured));
            return;
        }
        if (unknownReason != null || judged == null || value == null) {
            String reason = unknownReason != null ? unknownReason : "no value";
            guards.put(
                    metric, new MetricGuard(GuardState.UNKNOWN, null, checks.age(metric), bound, isRequired, reason));
            return;
        }
        if (judged.reason() != null) {
            checks.warn(judged.reason());
        }
        guards.put(
                metric, new MetricGuard(judged.state(), value, checks.age(metric), bound, isRequired, judged.reason()));
    }

    Map<GuardMetric, MetricGuard> guards() {
        return Collections.unmodifiableMap(guards);
    }

    Map<String, MetricGuard> byName() {
        Map<String, MetricGuard> named = new LinkedHashMap<>();
        guards.forEach((metric, guard) -> named.put(metric.wire(), guard));
        return named;
    }
}
