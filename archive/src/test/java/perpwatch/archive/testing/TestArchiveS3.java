package perpwatch.archive.testing;

import java.net.URI;
import java.util.Optional;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import perpwatch.archive.S3ArchiveStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/**
 * A real S3 API server in the test JVM (S3Proxy over an in-memory blob store, as the local cloud runs it) on a
 * loopback port, with one bucket, and a store on that bucket: the archive's tests, here and in {@code localstack/}
 * (published in this module's test-jar).
 */
public final class TestArchiveS3 implements AutoCloseable {
    private static final String ACCESS_KEY = "local";
    private final S3Proxy proxy;
    private final BlobStoreContext context;
    public final S3ArchiveStore store;

    public TestArchiveS3(String bucket) throws Exception {
        context = ContextBuilder.newBuilder("transient")
                .credentials(ACCESS_KEY, ACCESS_KEY)
                .build(BlobStoreContext.class);
        proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, ACCESS_KEY)
                .build();
        proxy.start();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        context.getBlobStore().createContainerInLocation(null, bucket);
        store = S3ArchiveStore.create(
                bucket,
                "us-east-1",
                Optional.of(URI.create("http://127.0.0.1:" + proxy.getPort())),
                Optional.of(AwsBasicCredentials.create(ACCESS_KEY, ACCESS_KEY)));
    }

    @Override
    public void close() throws Exception {
        store.close();
        proxy.stop();
        context.close();
    }
}
