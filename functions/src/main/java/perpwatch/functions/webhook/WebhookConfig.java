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
 * @param dedupeTtl  {@code PERPWATCH_HELIUS_DEDUPE_TTL} (7d, the event stream's retention): how long a signature stays
 * "seen"
 * @param maxBody    1 MiB: Helius batches are far smaller; a larger body is refused with 413
 * @param programs   {@code PERPWATCH_HELIUS_PROGRAMS} ({@code velocity,drift-v2}): whose transactions are stored; a
 *                   transaction touching none of them is counted as {@code non_drift} and dropped
 */
public record WebhookConfig(
        Optional<String> authSecret, Duration dedupeTtl, int maxBody, List<OnchainProgram> programs) {
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    public WebhookConfig {
        programs = List.copyOf(programs);
        if (programs.isEmpty()) {
            throw new IllegalArgumentException("PERPWATCH_HELIUS_PROGRAMS names no program: nothing would be stored");
        }
    }

    /** Both programs, as before {@code programs} existed. */
    public WebhookConfig(Optional<String> authSecret, Duration dedupeTtl, int maxBody) {
        this(authSecret, dedupeTtl, maxBody, List.of(OnchainProgram.values()));
    }

    public static WebhookConfig fromEnv(Env env) {
        String secret = env.string("PERPWATCH_HELIUS_AUTH", null);
        return new WebhookConfig(
                secret == null || secret.isEmpty() ? Optional.empty() : Optional.of(secret),
                env.duration("PERPWATCH_HELIUS_DEDUPE_TTL", Duration.ofDays(7)),
                MAX_BODY_BYTES,
                Arrays.stream(env.string("PERPWATCH_HELIUS_PROGRAMS", "velocity,drift-v2")
                                .split(","))
                        .filter(name -> !name.isBlank())
                        .map(OnchainProgram::parse)
                        .distinct()
                        .toList());
    }
}
