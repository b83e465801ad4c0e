package perpwatch.feeds.pulse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import perpwatch.core.config.Env;

/**
 * The feed process's own vital signs.
 *
 * @param metricsNamespace {@code PERPWATCH_METRICS_NAMESPACE} (unset: no metric lines): CloudWatch namespace of the
 *                         {@code RecordsWritten} EMF lines printed each tick (CloudWatch sums them per minute)
 * @param livenessFile     {@code PERPWATCH_LIVENESS_FILE} (unset: none; the image sets {@code /tmp/perpwatch-alive}):
 *                         touched every {@code interval} while every task makes progress
 * @param progressBudget   {@code PERPWATCH_LIVENESS_BUDGET} (5m): how long a task may show no progress (no counter
 *                         moved, nothing written) and still count as alive; the Drift scanner's is above its hour
 * @param interval         {@code PERPWATCH_PULSE_INTERVAL} (15s): the tick; well inside the health check's 2-minute
 * window
 */
public record PulseConfig(
        Optional<String> metricsNamespace, Optional<Path> livenessFile, Duration progressBudget, Duration interval) {
    public static PulseConfig fromEnv(Env env) {
        return new PulseConfig(
                Optional.ofNullable(env.string("PERPWATCH_METRICS_NAMESPACE", null)),
                Optional.ofNullable(env.string("PERPWATCH_LIVENESS_FILE", null)).map(Path::of),
                env.duration("PERPWATCH_LIVENESS_BUDGET", Duration.ofMinutes(5)),
                env.duration("PERPWATCH_PULSE_INTERVAL", Duration.ofSeconds(15)));
    }
}
