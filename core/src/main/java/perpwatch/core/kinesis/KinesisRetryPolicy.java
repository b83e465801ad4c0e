package perpwatch.core.kinesis;

import java.time.Duration;

/**
 * How often {@link KinesisRecordSink} resends the entries a {@code PutRecords} call refused, and how long it waits
 * before each resend: {@code firstBackoff}, doubling per attempt (capped at 64 times the first).
 *
 * <p>{@link #DEFAULT} is the one policy the feed tasks and the functions share. Its backoff is the short one the
 * webhook needs (Helius waits for the answer); the feed tasks lose nothing by it, because their
 * {@link DurableLogBuffer} keeps a batch that still fails and retries it with its own, longer backoff.
 *
 * @param attempts     calls per batch, the first included (at least 1)
 * @param firstBackoff the wait before the second call
 */
public record KinesisRetryPolicy(int attempts, Duration firstBackoff) {
    public static final KinesisRetryPolicy DEFAULT = new KinesisRetryPolicy(3, Duration.ofMillis(50));

    /** The doubling stops here: a longer wait inside one call would only hold its caller. */
    private static final int MAX_DOUBLINGS = 6;

    public KinesisRetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, not " + attempts);
        }
        if (firstBackoff == null || firstBackoff.isNegative()) {
            throw new IllegalArgumentException("firstBackoff must be zero or more, not " + firstBackoff);
        }
    }

    /** The wait before call {@code attempt} (2 and later; the first call does not wait). */
    public long backoffMs(int attempt) {
        if (attempt < 2) {
            return 0;
        }
        return firstBackoff.toMillis() << Math.min(attempt - 2, MAX_DOUBLINGS);
    }
}
