package perpwatch.functions.durable;

import java.util.List;
import perpwatch.core.kinesis.LogRecord;

/**
 * Where accepted records go besides Redis: the Kinesis log the archive is built from (webhook events, guard decisions).
 */
public interface DurableLog {
    /** No log ({@code PERPWATCH_DURABLE_LOG=off}): Redis is then the only store, and nothing may count on the log. */
    DurableLog OFF = new DurableLog() {
        @Override
        public void append(List<LogRecord> records) {}

        @Override
        public boolean durable() {
            return false;
        }
    };

    /** Writes every record or throws {@link perpwatch.core.kinesis.DurableLogUnavailableException}. */
    void append(List<LogRecord> records);

    /** Whether an appended record is kept whatever happens to Redis and to this instance. */
    default boolean durable() {
        return true;
    }
}
