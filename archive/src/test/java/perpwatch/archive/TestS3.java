package perpwatch.archive;

import java.net.URI;
import java.util.Optional;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/** A real S3 API server in-process (S3Proxy over an in-memory blob store) on a free loopback port, with one bucket. */
final class TestS3 implements AutoCloseable {
    private final S3Proxy proxy;
    private final BlobStoreContext context;
    final S3ArchiveStore store;

    TestS3(String bucket) throws Exception {
        context = ContextBuilder.newBuilder("transient").credentials("local", "local").build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "local", "local").build();
        proxy.start();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        context.getBlobStore().createContainerInLocation(null, bucket);
        store = S3ArchiveStore.create(bucket, "us-east-1", Optional.of(URI.create("http://127.0.0.1:" + proxy.getPort())),
                Optional.of(AwsBasicCredentials.create("local", "local")));
    }

    @Override
    public void close() throws Exception {
        store.close();
        proxy.stop();
        context.close();
    }
}
