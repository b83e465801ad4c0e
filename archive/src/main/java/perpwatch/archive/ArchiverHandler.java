package perpwatch.archive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.config.Env;
import perpwatch.core.kinesis.LogRecordCodec;
import perpwatch.core.stream.MalformedRecordException;

/**
 * The archiver Lambda (Kinesis event source): a batch of log records → raw Parquet parts in S3. A failure to write
 * throws, so Lambda retries the batch (bisecting on repeated failure); rewriting a part is harmless. A record that
 * is not a log record at all is logged and skipped: retrying it would never succeed.
 *
 * <p>{@code PERPWATCH_ARCHIVE_BUCKET} (required), {@code PERPWATCH_S3_ENDPOINT} (an emulator), {@code AWS_REGION}.
 */
public class ArchiverHandler implements RequestHandler<KinesisEvent, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiverHandler.class);
    private final RawPartWriter writer;

    public ArchiverHandler() {
        this(Env.system());
    }

    ArchiverHandler(Env env) {
        String bucket = env.string("PERPWATCH_ARCHIVE_BUCKET", null);
        if (bucket == null) {
            throw new IllegalStateException("PERPWATCH_ARCHIVE_BUCKET is not set");
        }
        String endpoint = env.string("PERPWATCH_S3_ENDPOINT", null);
        this.writer = new RawPartWriter(S3ArchiveStore.create(
                bucket,
                env.string("AWS_REGION", "us-east-1"),
                Optional.ofNullable(endpoint).map(URI::create),
                Optional.empty()));
    }

    @Override
    public Void handleRequest(KinesisEvent event, Context context) {
        List<LoggedRecord> batch = new ArrayList<>();
        for (KinesisEvent.KinesisEventRecord r : event.getRecords()) {
            String shard = r.getEventID().split(":", 2)[0];
            ByteBuffer data = r.getKinesis().getData();
            byte[] bytes = new byte[data.remaining()];
            data.duplicate().get(bytes);
            try {
                batch.add(new LoggedRecord(shard, r.getKinesis().getSequenceNumber(), LogRecordCodec.decode(bytes)));
            } catch (MalformedRecordException e) {
                LOG.error(
                        "archiver: skipped a record that is not a log record ({}), shard {} sequence {}",
                        e.getMessage(),
                        shard,
                        r.getKinesis().getSequenceNumber());
            }
        }
        List<String> keys = writer.write(batch);
        LOG.info("archiver: {} record(s) → {} part(s)", batch.size(), keys.size());
        return null;
    }
}
