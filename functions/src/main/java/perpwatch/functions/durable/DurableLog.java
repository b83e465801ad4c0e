package perpwatch.functions.durable;

import java.util.List;
import perpwatch.core.kinesis.LogRecord;

/** Where accepted records go besides Redis: the Kinesis log the archive is built from (webhook events, guard decisions). */
public interface DurableLog {
    /** Writes every record or throws {@link perpwatch.core.kinesis.DurableLogUnavailableException}. */
    void append(List<LogRecord> records);
}
