package perpwatch.feeds.solana;

/** A call the node refused or that could not complete; {@code retryable} says whether trying again may help. */
public final class SolanaRpcException extends RuntimeException {
    private final int code;
    private final boolean retryable;

    public SolanaRpcException(String message, int code, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
    }

    /** JSON-RPC error code, or the HTTP status, or 0 for a transport failure. */
    public int code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
