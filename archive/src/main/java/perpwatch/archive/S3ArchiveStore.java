package perpwatch.archive;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The archive bucket: whole objects in and out, listing by prefix. */
public final class S3ArchiveStore implements AutoCloseable {
    private final S3Client s3;
    private final String bucket;

    public S3ArchiveStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** AWS's default credentials, or an emulator at {@code endpoint} with fixed ones (path-style addressing). */
    public static S3ArchiveStore create(
            String bucket, String region, Optional<URI> endpoint, Optional<AwsBasicCredentials> emulatorCredentials) {
        var builder = S3Client.builder().region(Region.of(region)).httpClient(UrlConnectionHttpClient.create());
        if (endpoint.isPresent()) {
            // Emulators (S3Proxy, LocalStack) predate the SDK's default streaming checksums: send them only when
            // required.
            builder.endpointOverride(endpoint.get())
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            emulatorCredentials.orElse(AwsBasicCredentials.create("local", "local"))));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.create());
        }
        return new S3ArchiveStore(builder.build(), bucket);
    }

    public void put(String key, byte[] bytes) {
        s3.putObject(
                b -> b.bucket(bucket).key(key).contentType("application/vnd.apache.parquet"),
                RequestBody.fromBytes(bytes));
    }

    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(
                    s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /** Every key under {@code prefix}, in S3's (lexicographic) order. */
    public List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))) {
            for (S3Object object : page.contents()) {
                keys.add(object.key());
            }
        }
        return keys;
    }

    @Override
    public void close() {
        s3.close();
    }
}
