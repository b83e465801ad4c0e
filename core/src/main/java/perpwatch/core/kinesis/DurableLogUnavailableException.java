package perpwatch.core.kinesis;

/** The durable log could not take records (unreachable, throttled past our retries, or refusing them). */
public final class DurableLogUnavailableException extends RuntimeException {
    public DurableLogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
