package perpwatch.feeds.task;

import perpwatch.feeds.ws.Disconnect;
import perpwatch.feeds.ws.WebSocketSession;

/**
 * What a venue supplies to a {@link FeedLoop}: its subscription, its parser and its handling of a parsed frame. The
 * loop owns the rest (connecting, counting frames and connections, malformed-frame accounting, the subscription
 * state), so a venue's code is only what differs between venues.
 *
 * <p>{@link #parse} reads one text frame; a frame that does not read is counted and its log sampled by the loop.
 *
 * @param <F> the venue's parsed frame, usually a sealed interface of records
 */
public interface VenueStream<F> extends FrameParser<F> {
    /**
     * Blocks until frames can be converted (OKX needs contract values first), on this stream's own thread so one slow
     * venue never holds up another; false when interrupted.
     */
    default boolean prepare() {
        return true;
    }

    /** Sends the subscription on a new connection (again after every reconnect); nothing when the URL names it. */
    default void subscribe(WebSocketSession session) {}

    /** Acts on one parsed frame; {@code link} takes the subscription's ack or refusal and venue errors. */
    void handle(F frame, long recvMs, LinkControl link);

    /** A connection is up, before {@link #subscribe}: per-connection state starts again here. */
    default void connected() {}

    /** The connection is gone; the loop has already counted it and reset the subscription. */
    default void disconnected(Disconnect disconnect) {}
}
