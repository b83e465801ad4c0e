package perpwatch.functions.webhook;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import perpwatch.core.config.Env;

/**
 * The Helius webhook's settings. The delivery secret is not here: {@link WebhookSecrets} reads it (and its previous
 * version, for rotation) and reads it again on a refused delivery.
 *
 * @param dedupeTtl  {@code PERPWATCH_HELIUS_DEDUPE_TTL} (7d, the event stream's retention): how long a signature stays
 * "seen"
 * @param maxBody    1 MiB: Helius batches are far smaller; a larger body is refused with 413
 * @param programs   {@code PERPWATCH_HELIUS_PROGRAMS} ({@code velocity,drift-v2}): whose transactions are stored; a
 *                   transaction touching none of them is counted as {@code non_drift} and dropped
 */
public record WebhookConfig(Duration dedupeTtl, int maxBody, List<OnchainProgram> programs) {
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    public WebhookConfig {
        programs = List.copyOf(programs);
        if (programs.isEmpty()) {
            throw new IllegalArgumentException("PERPWATCH_HELIUS_PROGRAMS names no program: nothing would be stored");
        }
    }

    public static WebhookConfig fromEnv(Env env) {
        return new WebhookConfig(
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
