package perpwatch.core.config;

import java.util.Optional;

/** Where {@link Env#withSecrets} reads a secret's value by ARN (Secrets Manager in the cloud). */
@FunctionalInterface
public interface SecretSource {
    /** Secrets Manager's label of the version in use. */
    String CURRENT = "AWSCURRENT";
    /** The version {@link #CURRENT} replaced at the last rotation: still accepted while clients catch up. */
    String PREVIOUS = "AWSPREVIOUS";

    String secretString(String arn);

    /**
     * The value at a version stage ({@link #CURRENT}, {@link #PREVIOUS}); empty when the secret has no version there
     * (a secret never rotated has no previous one). A source without versions knows only the current value.
     */
    default Optional<String> secretString(String arn, String versionStage) {
        return CURRENT.equals(versionStage) ? Optional.of(secretString(arn)) : Optional.empty();
    }
}
