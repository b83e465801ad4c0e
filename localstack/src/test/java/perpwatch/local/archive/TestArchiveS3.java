package perpwatch.local.archive;

import java.util.Optional;
import perpwatch.archive.S3ArchiveStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/** The local cloud's S3 server and a store on its bucket, for the archive's tests. */
final class TestArchiveS3 implements AutoCloseable {
    private final LocalS3 server;
    final S3ArchiveStore store;

    TestArchiveS3(String bucket) throws Exception {
        server = LocalS3.start(bucket);
        store = S3ArchiveStore.create(
                bucket,
                "us-east-1",
                Optional.of(server.endpoint()),
                Optional.of(AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.ACCESS_KEY)));
    }

    @Override
    public void close() throws Exception {
        store.close();
        server.close();
    }
}
