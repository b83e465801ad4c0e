package perpwatch.core.kinesis;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** Builds the Kinesis client: AWS's default credentials in the cloud, fixed dummy ones against an emulator. */
public final class KinesisClients {
    private KinesisClients() {}

    public static KinesisClient create(KinesisConfig config) {
        var builder = KinesisClient.builder()
                .region(Region.of(config.region()))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5))
                        .build())
                // Our own retry loop decides what to resend (only the failed entries); the SDK's would resend all.
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(Duration.ofSeconds(10))
                        .retryStrategy(b -> b.maxAttempts(1))
                        .build());
        if (config.endpoint().isPresent()) {
            builder.endpointOverride(config.endpoint().get())
                    .credentialsProvider(
                            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.create());
        }
        return builder.build();
    }
}
