package perpwatch.core.config;

/** Where {@link Env#withSecrets} reads a secret's value by ARN (Secrets Manager in the cloud). */
@FunctionalInterface
public interface SecretSource {
    String secretString(String arn);
}
