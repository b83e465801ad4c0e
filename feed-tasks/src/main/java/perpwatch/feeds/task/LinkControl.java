package perpwatch.feeds.task;

import perpwatch.feeds.subscription.Refusal;

/** What a venue's frame handler tells the loop about its subscription, so every venue answers them the same way. */
public interface LinkControl {
    /** The subscription is proven on this connection ({@code how}: the ack, the first data frame); logged once. */
    void acknowledged(String how);

    /**
     * The venue answered with an error. While the subscription is pending it is the refusal: counted as
     * {@code subscribe_refused}, logged, and the connection is dropped so the loop subscribes again after its
     * backoff. Once the subscription is answered it is about something else: counted as {@code venue_errors}.
     */
    void refused(Refusal refusal);

    /** An error frame that is not about the subscription: counted as {@code venue_errors} and logged. */
    void venueError(String code, String message);
}
