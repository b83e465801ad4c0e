package perpwatch.archive;

import perpwatch.core.kinesis.LogRecord;

/** A log record with its place in the Kinesis stream: the key to exactly-once archiving. */
public record LoggedRecord(String shard, String sequence, LogRecord record) {}
