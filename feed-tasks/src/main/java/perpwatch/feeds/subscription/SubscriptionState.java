package perpwatch.feeds.subscription;

/**
 * Where a feed's subscription stands on its current connection. Only {@link #ACKNOWLEDGED} lets a feed count as
 * live: a socket that answers pings but carries no subscription is blindness, not a calm market.
 */
public enum SubscriptionState {
    /** Connecting, or connected and waiting for the venue's answer to our subscription. */
    PENDING,
    /** The venue acknowledged the subscription, or its first data frame arrived (which proves it). */
    ACKNOWLEDGED,
    /** The venue answered the subscription with an error frame; this connection will carry nothing. */
    REFUSED
}
