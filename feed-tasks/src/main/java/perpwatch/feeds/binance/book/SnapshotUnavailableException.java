package perpwatch.feeds.binance.book;

import java.time.Duration;
import java.util.Optional;

/**
 * The REST snapshot could not be had this time: network failure, HTTP error or an unreadable body.
 *
 * @see DepthSnapshotClient
 */
public final class SnapshotUnavailableException extends Exception {
    private final int status;
    private final Duration retryAfter;

    public SnapshotUnavailableException(String message, int status, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status, or 0 when there was no response or the body was bad. */
    public int status() {
        return status;
    }

    /** The venue asked us to back off: 429 (rate limit) or 418 (IP banned for ignoring 429s). */
    public boolean rateLimited() {
        return status == 429 || status == 418;
    }

    /** The venue's {@code Retry-After}, when it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
