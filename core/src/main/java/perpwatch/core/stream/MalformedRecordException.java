package perpwatch.core.stream;

/** A stream entry whose fields are missing or do not parse. */
public final class MalformedRecordException extends RuntimeException {
    public MalformedRecordException(String message) {
        super(message);
    }
}
