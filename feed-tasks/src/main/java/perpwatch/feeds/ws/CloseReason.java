package perpwatch.feeds.ws;

/**
 * Why a connection ended, as a kind the reconnect loop can decide on; the text beside it ({@link Disconnect}) is for
 * people. Only a planned rotation reconnects at once: every other kind waits for the backoff.
 */
public enum CloseReason {
    /** The venue sent a close frame. */
    SERVER_CLOSED,
    /** The transport reported an error. */
    CONNECTION_ERROR,
    /** No frame within the silence budget. */
    SILENCE,
    /** Our probe ping went unanswered: the end of the connection was lost in the client. */
    PROBE_UNANSWERED,
    /** Sending the probe ping failed. */
    PING_FAILED,
    /** The connection reached its maximum age and was replaced on purpose (Binance cuts links at 24 h). */
    ROTATION,
    /** The listener ended it (the venue refused the subscription). */
    ENDED_BY_LISTENER,
    /** The listener's subscribe step threw. */
    SUBSCRIBE_STEP_FAILED,
    /** The loop itself is closing. */
    CLOSED_BY_US;

    /** Whether the next connection follows at once, without backoff. */
    public boolean planned() {
        return this == ROTATION;
    }
}
