package perpwatch.functions.guards;

import java.util.Map;
import java.util.Set;

/**
 * The truth table of the guards (README, OpenAPI): {@code breach} when any metric breaches or any required metric is
 * unknown or not configured; {@code warning} when any metric warns or an optional one is unknown; {@code passing} only
 * when every required metric is fresh and within bounds and nothing else objects. An optional metric that is not
 * configured for the instrument counts for nothing: nothing watches it, so nothing is amiss. A required metric the
 * answer does not carry at all counts as unknown: the rule never passes what it cannot see.
 */
final class StatusRule {
    private StatusRule() {}

    static GuardStatus status(Map<GuardMetric, MetricGuard> guards, Set<GuardMetric> required) {
        boolean warn = false;
        for (GuardMetric metric : required) {
            MetricGuard guard = guards.get(metric);
            if (guard == null || guard.state() == GuardState.UNKNOWN || guard.state() == GuardState.NOT_CONFIGURED) {
                return GuardStatus.BREACH;
            }
        }
        for (MetricGuard guard : guards.values()) {
            switch (guard.state()) {
                case BREACH -> {
                    return GuardStatus.BREACH;
                }
                case WARN, UNKNOWN -> warn = true;
                case PASS, NOT_CONFIGURED -> {}
            }
        }
        return warn ? GuardStatus.WARNING : GuardStatus.PASSING;
    }
}
