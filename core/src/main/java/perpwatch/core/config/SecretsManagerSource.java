package perpwatch.core.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Secrets Manager through the SDK. The client is made on the first read, so a process that names no secret never
 * builds one. {@code PERPWATCH_SECRETS_ENDPOINT} points it at an emulator (LocalStack), with dummy credentials.
 */
public final class SecretsManagerSource implements SecretSource {
    private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerSource.class);
    private final String region;
    private final String endpoint;
    private SecretsManagerClient client;

    private SecretsManagerSource(String region, String endpoint) {
        this.region = region;
        this.endpoint = endpoint;
    }

    public static SecretsManagerSource fromEnv(Env env) {
        return new SecretsManagerSource(
                env.string("AWS_REGION", "us-east-1"), env.string("PERPWATCH_SECRETS_ENDPOINT", null));
    }

    @Override
    public String secretString(String arn) {
        String value = client().getSecretValue(b -> b.secretId(arn)).secretString();
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("secret " + arn + " has no string value");
        }
        LOG.info("read secret {} ({} characters)", arn, value.length());
        return value;
    }

    @Override
    public Optional<String> secretString(String arn, String versionStage) {
        try {
            String value = client().getSecretValue(b -> b.secretId(arn).versionStage(versionStage))
                    .secretString();
            LOG.info("read secret {} at {}", arn, versionStage);
            return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
        } catch (ResourceNotFoundException e) {
            return Optional.empty(); // no version at that stage (never rotated)
        }
    }

    private synchronized SecretsManagerClient client() {
        if (client == null) {
            var builder = SecretsManagerClient.builder()
                    .region(Region.of(region))
                    .httpClient(UrlConnectionHttpClient.builder()
                            .connectionTimeout(Duration.ofSeconds(2))
                            .socketTimeout(Duration.ofSeconds(5))
                            .build());
            if (endpoint != null) {
                builder.endpointOverride(URI.create(endpoint))
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
            } else {
                builder.credentialsProvider(DefaultCredentialsProvider.create());
            }
            client = builder.build();
        }
        return client;
    }
}
