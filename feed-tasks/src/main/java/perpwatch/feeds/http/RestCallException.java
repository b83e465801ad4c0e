package perpwatch.feeds.http;

import java.time.Duration;
import java.util.Optional;

/**
 * A REST call that gave no usable answer: transport failure, non-2xx status, or a venue-level error code.
 *
 * @param status     the HTTP status, 0 when there was no response
 * @param retryAfter the venue's own wait hint, when it sent one
 */
public class RestCallException extends Exception {
    private final int status;
    private final transient Duration retryAfter;

    public RestCallException(String message, int status, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** HTTP 429, and 403/418 which Bybit and Binance use for rate-limit bans. */
    public boolean rateLimited() {
        return status == 429 || status == 403 || status == 418;
    }
}
