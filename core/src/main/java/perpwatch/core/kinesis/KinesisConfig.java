package perpwatch.core.kinesis;

import java.net.URI;
import java.util.Optional;
import perpwatch.core.config.Env;

/**
 * The durable log.
 *
 * @param stream   {@code PERPWATCH_KINESIS_STREAM} (default {@code perpwatch-events})
 * @param endpoint {@code PERPWATCH_KINESIS_ENDPOINT}: an emulator's URL (kinesis-local, LocalStack); empty = AWS
 * @param region   {@code AWS_REGION} (default {@code us-east-1})
 */
public record KinesisConfig(String stream, Optional<URI> endpoint, String region) {
    public static KinesisConfig fromEnv(Env env) {
        String endpoint = env.string("PERPWATCH_KINESIS_ENDPOINT", null);
        return new KinesisConfig(
                env.string("PERPWATCH_KINESIS_STREAM", "perpwatch-events"),
                endpoint == null || endpoint.isBlank() ? Optional.empty() : Optional.of(URI.create(endpoint)),
                env.string("AWS_REGION", "us-east-1"));
    }
}
