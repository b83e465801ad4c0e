package perpwatch.functions.webhook;

import java.util.List;
import perpwatch.core.kinesis.LogRecord;

/** Where accepted events go besides Redis: the Kinesis log the archive is built from. */
public interface DurableLog {
    /** Writes every record or throws {@link perpwatch.core.kinesis.DurableLogUnavailableException}. */
    void append(List<LogRecord> records);
}
