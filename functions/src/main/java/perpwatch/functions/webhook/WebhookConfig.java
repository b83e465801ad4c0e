package perpwatch.functions.webhook;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import perpwatch.core.config.Env;

/**
 * The Helius webhook's settings.
 *
 * @param authSecret {@code PERPWATCH_HELIUS_AUTH}: the exact {@code Authorization} value Helius is configured to
 *                   send. In the cloud the CDK stack injects it from Secrets Manager; unset, every delivery is
 *                   refused with 503 (fail closed: an open receiver would store anyone's events)
 * @param dedupeTtl  {@code PERPWATCH_HELIUS_DEDUPE_TTL} (7d, the event stream's retention): how long a signature stays "seen"
 * @param maxBody    1 MiB: Helius batches are far smaller; a larger body is refused with 413
 * @param durableLog {@code PERPWATCH_DURABLE_LOG} ({@code kinesis}, or {@code off} where no log exists yet, e.g. a bare local run)
 * @param programs   {@code PERPWATCH_HELIUS_PROGRAMS} ({@code velocity,drift-v2}): whose transactions are stored; a
 *                   transaction touching none of them is counted as {@code non_drift} and dropped
 */
public record WebhookConfig(
        Optional<String> authSecret,
        Duration dedupeTtl,
        int maxBody,
        String durableLog,
        List<OnchainProgram> programs) {
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    public WebhookConfig {
        programs = List.copyOf(programs);
        if (programs.isEmpty()) {
            throw new IllegalArgumentException("PERPWATCH_HELIUS_PROGRAMS names no program: nothing would be stored");
        }
    }

    /** Both programs, as before {@code programs} existed. */
    public WebhookConfig(Optional<String> authSecret, Duration dedupeTtl, int maxBody, String durableLog) {
        this(authSecret, dedupeTtl, maxBody, durableLog, List.of(OnchainProgram.values()));
    }

    public static WebhookConfig fromEnv(Env env) {
        String secret = env.string("PERPWATCH_HELIUS_AUTH", null);
        String log = env.string("PERPWATCH_DURABLE_LOG", "kinesis");
        if (!log.equals("kinesis") && !log.equals("off")) {
            throw new IllegalArgumentException("PERPWATCH_DURABLE_LOG must be kinesis or off, not '" + log + "'");
        }
        return new WebhookConfig(
                secret == null || secret.isEmpty() ? Optional.empty() : Optional.of(secret),
                env.duration("PERPWATCH_HELIUS_DEDUPE_TTL", Duration.ofDays(7)),
                MAX_BODY_BYTES,
                log,
                Arrays.stream(env.string("PERPWATCH_HELIUS_PROGRAMS", "velocity,drift-v2")
                                .split(","))
                        .filter(name -> !name.isBlank())
                        .map(OnchainProgram::parse)
                        .distinct()
                        .toList());
    }
}
