package perpwatch.archive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import perpwatch.core.config.Env;
import perpwatch.core.instrument.InstrumentRegistry;

/**
 * The rollup Lambda. EventBridge sends {@code {"scope":"hour"}} at :10 past each hour and {@code {"scope":"day"}}
 * after midnight UTC; {@code feedctl rollup} sends {@code {"scope":"hour","hour":"2025-11-24T16"}} or
 * {@code {"scope":"day","day":"20251124"}}. A failure throws, so EventBridge retries; a re-run writes the same bytes.
 *
 * <p>{@code PERPWATCH_ARCHIVE_BUCKET} (required), {@code PERPWATCH_S3_ENDPOINT}, {@code AWS_REGION}, {@code
 * PERPWATCH_INSTRUMENTS}.
 */
public class ScheduledRollupHandler implements RequestHandler<Map<String, Object>, String> {
    private final ScheduledRollup rollup;

    public ScheduledRollupHandler() {
        this(Env.system());
    }

    ScheduledRollupHandler(Env env) {
        String bucket = env.string("PERPWATCH_ARCHIVE_BUCKET", null);
        if (bucket == null) {
            throw new IllegalStateException("PERPWATCH_ARCHIVE_BUCKET is not set");
        }
        S3ArchiveStore store = S3ArchiveStore.create(
                bucket,
                env.string("AWS_REGION", "us-east-1"),
                Optional.ofNullable(env.string("PERPWATCH_S3_ENDPOINT", null)).map(URI::create),
                Optional.empty());
        this.rollup = new ScheduledRollup(
                new HourlyRollup(store), InstrumentRegistry.fromEnv(env), System::currentTimeMillis);
    }

    public ScheduledRollupHandler(ScheduledRollup rollup) {
        this.rollup = rollup;
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        Object scope = event == null ? null : event.get("scope");
        if ("hour".equals(scope)) {
            return "{\"scope\":\"hour\",\"rows\":" + rollup.rollHour(text(event, "hour")) + "}";
        }
        if ("day".equals(scope)) {
            return "{\"scope\":\"day\",\"rows\":" + rollup.rollDay(text(event, "day")) + "}";
        }
        throw new IllegalArgumentException("expected {\"scope\":\"hour\"|\"day\"}, got " + event);
    }

    private static String text(Map<String, Object> event, String key) {
        Object value = event.get(key);
        return value == null ? null : value.toString();
    }
}
