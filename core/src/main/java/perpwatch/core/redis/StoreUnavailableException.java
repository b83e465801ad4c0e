package perpwatch.core.redis;

/** Redis could not be reached or did not answer in time. Callers fail closed on it. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
