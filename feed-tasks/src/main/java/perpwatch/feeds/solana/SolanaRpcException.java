package perpwatch.feeds.solana;

import perpwatch.core.config.Redactor;

/**
 * A call the node refused or that could not complete; {@code retryable} says whether trying again may help. Its
 * message is redacted ({@link Redactor}): it quotes node answers and transport errors, which can hold the URL's key.
 */
public final class SolanaRpcException extends RuntimeException {
    /** {@link #code()} of an answer that could not be read: cut off, not JSON, or corrupt. */
    public static final int UNREADABLE_BODY = -1;
    /** {@link #code()} of an answer with neither {@code result} nor {@code error}. */
    public static final int NO_RESULT = -2;

    private final int code;
    private final boolean retryable;

    public SolanaRpcException(String message, int code, boolean retryable, Throwable cause) {
        super(Redactor.redact(message), cause);
        this.code = code;
        this.retryable = retryable;
    }

    /**
     * JSON-RPC error code, or the HTTP status, or 0 for a transport failure, or {@link #UNREADABLE_BODY} /
     * {@link #NO_RESULT} for an answer that arrived but cannot be used.
     */
    public int code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
