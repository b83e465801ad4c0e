package perpwatch.feeds.parse;

/** A venue frame that is not valid JSON or lacks a field its event type requires. Counted, logged, skipped. */
public final class MalformedFrameException extends Exception {
    public MalformedFrameException(String message) {
        super(message);
    }

    public MalformedFrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
