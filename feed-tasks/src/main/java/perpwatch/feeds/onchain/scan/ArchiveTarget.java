package perpwatch.feeds.onchain.scan;

import java.net.URI;
import java.util.Optional;
import perpwatch.core.config.Env;

/**
 * Where scans are archived as Parquet.
 *
 * @param bucket   {@code PERPWATCH_ARCHIVE_BUCKET}; unset → maps are not archived (said once in the log)
 * @param region   {@code AWS_REGION} (us-east-1)
 * @param endpoint {@code PERPWATCH_S3_ENDPOINT}: an S3 emulator instead of AWS
 */
public record ArchiveTarget(String bucket, String region, Optional<URI> endpoint) {
    public static Optional<ArchiveTarget> fromEnv(Env env) {
        String bucket = env.string("PERPWATCH_ARCHIVE_BUCKET", null);
        if (bucket == null || bucket.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new ArchiveTarget(
                bucket,
                env.string("AWS_REGION", "us-east-1"),
                Optional.ofNullable(env.string("PERPWATCH_S3_ENDPOINT", null)).map(URI::create)));
    }
}
