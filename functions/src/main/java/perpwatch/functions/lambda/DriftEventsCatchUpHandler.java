package perpwatch.functions.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.config.Env;
import perpwatch.core.config.SecretsManagerSource;
import perpwatch.core.kinesis.LogRecord;
import perpwatch.core.kinesis.LogRecordCodec;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.MalformedRecordException;
import perpwatch.functions.config.FunctionsConfig;
import perpwatch.functions.webhook.DriftEventsCatchUp;

/**
 * The webhook's durable Redis catch-up in the cloud: a Lambda on its own event source mapping of the log stream
 * (filtered to {@code onchain:drift:events} records), so its position is Lambda's checkpoint, not anyone's memory.
 * While Redis is down the call throws and Lambda retries the batch; the archiver, on its own mapping, is not held
 * back. When Redis answers, every Drift event the webhook logged but could not append is appended once.
 *
 * <p>Reads the functions' variables ({@code PERPWATCH_REDIS_URL}, its auth secret, {@code
 * PERPWATCH_HELIUS_DEDUPE_TTL}).
 */
public class DriftEventsCatchUpHandler implements RequestHandler<KinesisEvent, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(DriftEventsCatchUpHandler.class);
    private final DriftEventsCatchUp catchUp;

    public DriftEventsCatchUpHandler() {
        this(Env.system());
    }

    DriftEventsCatchUpHandler(Env env) {
        FunctionsConfig config = FunctionsConfig.fromEnv(env.withSecrets(SecretsManagerSource.fromEnv(env)));
        // One connection per Lambda instance, reused across invocations.
        this.catchUp = new DriftEventsCatchUp(
                new RedisStreams(config.redis()), config.webhook().dedupeTtl());
    }

    /** @throws perpwatch.core.redis.StoreUnavailableException while Redis is down, so Lambda retries the batch */
    @Override
    public Void handleRequest(KinesisEvent event, Context context) {
        List<LogRecord> records = new ArrayList<>();
        for (KinesisEvent.KinesisEventRecord r : event.getRecords()) {
            ByteBuffer data = r.getKinesis().getData();
            byte[] bytes = new byte[data.remaining()];
            data.duplicate().get(bytes);
            try {
                records.add(LogRecordCodec.decode(bytes));
            } catch (MalformedRecordException e) {
                // Retrying would never decode it: skip it, as the archiver does.
                LOG.error(
                        "drift catch-up: skipped a record that is not a log record ({}), sequence {}",
                        e.getMessage(),
                        r.getKinesis().getSequenceNumber());
            }
        }
        DriftEventsCatchUp.Result result = catchUp.apply(records, System.currentTimeMillis());
        if (result.appended() > 0) {
            LOG.info(
                    "drift catch-up: {} Drift event(s) Redis lacked appended from the log ({} already there)",
                    result.appended(),
                    result.alreadyThere());
        }
        return null;
    }
}
