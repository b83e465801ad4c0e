package perpwatch.core.kinesis;

/**
 * A record over Kinesis' 1 MiB limit: no retry can ever write it, so it is refused before anything is sent
 * (unlike {@link DurableLogUnavailableException}, which means "try again").
 */
public final class RecordTooLargeException extends IllegalArgumentException {
    private final String stream;
    private final int bytes;

    public RecordTooLargeException(String stream, int bytes) {
        super("record for " + stream + " is " + bytes + " bytes; Kinesis takes at most "
                + KinesisRecordSink.MAX_BYTES_PER_RECORD);
        this.stream = stream;
        this.bytes = bytes;
    }

    public String stream() {
        return stream;
    }

    public int bytes() {
        return bytes;
    }
}
