package perpwatch.feeds.subscription;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The subscription state of one venue connection. The connection loop calls {@link #reset()} on every new (and every
 * lost) connection, the frame reader reports acks, data and refusals, and the heartbeat writer asks
 * {@link #subscribedAndAnswering}. Calls come from the loop, the socket's reader and a timer, hence the lock; they
 * are rare (a few per connection), so it costs nothing.
 *
 * <p>A refusal counts only while the subscription is pending: each feed sends one subscription per connection, so an
 * error frame after the ack is about something else (counted as a venue error by the caller), and an ack or data
 * after a refusal does not undo it (the caller drops that connection and subscribes afresh on the next one).
 */
public final class SubscriptionTracker {
    private SubscriptionState state = SubscriptionState.PENDING;
    private Refusal lastRefusal;
    private long changedAt;

    /** A new connection (or none): nothing is subscribed until the venue says so again. */
    public synchronized void reset() {
        state = SubscriptionState.PENDING;
        changedAt = System.currentTimeMillis();
    }

    /**
     * The venue's ack or the first data frame: true when this moved the connection to {@link
     * SubscriptionState#ACKNOWLEDGED}.
     */
    public synchronized boolean acknowledge() {
        if (state != SubscriptionState.PENDING) {
            return false;
        }
        state = SubscriptionState.ACKNOWLEDGED;
        lastRefusal = null;
        changedAt = System.currentTimeMillis();
        return true;
    }

    /** The venue's error answer: true when it refused the pending subscription (false: not about the subscription). */
    public synchronized boolean refuse(Refusal refusal) {
        if (state != SubscriptionState.PENDING) {
            return false;
        }
        state = SubscriptionState.REFUSED;
        lastRefusal = refusal;
        changedAt = System.currentTimeMillis();
        return true;
    }

    public synchronized SubscriptionState state() {
        return state;
    }

    /**
     * The last refusal since the last ack, kept across reconnects so an operator can see why a feed is not subscribed.
     */
    public synchronized Optional<Refusal> lastRefusal() {
        return Optional.ofNullable(lastRefusal);
    }

    /** When the state last changed (epoch ms). */
    public synchronized long changedAt() {
        return changedAt;
    }

    /**
     * "Connected" as the guards mean it: the venue acknowledged the subscription on the current connection AND the
     * link answered (any frame, pongs included) within {@code silenceBudget}.
     */
    public boolean subscribedAndAnswering(OptionalLong lastHeardAt, long nowMs, Duration silenceBudget) {
        return state() == SubscriptionState.ACKNOWLEDGED
                && lastHeardAt.isPresent()
                && nowMs - lastHeardAt.getAsLong() < silenceBudget.toMillis();
    }
}
