package perpwatch.feeds.velocity;

import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.parse.MalformedFrameException;
import perpwatch.feeds.subscription.Refusal;
import perpwatch.feeds.task.LinkControl;
import perpwatch.feeds.task.VenueStream;
import perpwatch.feeds.ws.WebSocketSession;

/**
 * The DLOB WebSocket's order-book subscription for one perp market: the subscribe message, the frames, and which of
 * them prove the subscription (its ack, or a push on the channel subscribed to). A rejected frame is counted by its
 * {@link Rejection} and then thrown as malformed, so the loop counts and samples it like every venue's.
 */
final class DlobStream implements VenueStream<DlobFrame> {
    /** Where accepted book pushes go. */
    interface Books {
        void onBook(DlobBook book, VelocityInput input, long recvMs);
    }

    private final DlobFrameParser parser = new DlobFrameParser();
    private final String marketName;
    private final String channel;
    private final FeedCounters counters;
    private final Books books;

    DlobStream(String marketName, int marketIndex, FeedCounters counters, Books books) {
        this.marketName = marketName;
        // The server serves the grouping-1 channel when the subscription names no grouping (velocity-market.md).
        this.channel = "orderbook_perp_" + marketIndex + "_grouped_1";
        this.counters = counters;
        this.books = books;
    }

    @Override
    public void subscribe(WebSocketSession session) {
        session.sendText("{\"type\":\"subscribe\",\"channel\":\"orderbook\",\"market\":\"" + marketName
                + "\",\"marketType\":\"perp\"}");
    }

    @Override
    public DlobFrame parse(String text, long recvMs) throws MalformedFrameException {
        Outcome<DlobFrame> outcome = parser.parse(text);
        if (outcome instanceof Outcome.Rejected<DlobFrame> rejected) {
            counters.increment(new RejectedInput(VelocityInput.DLOB_WS, rejected.reason()));
            throw new MalformedFrameException(rejected.reason() + ": " + rejected.detail());
        }
        return ((Outcome.Accepted<DlobFrame>) outcome).value();
    }

    @Override
    public void handle(DlobFrame frame, long recvMs, LinkControl link) {
        if (frame instanceof DlobFrame.SubscribeAck ack) {
            link.acknowledged(ack.message());
        } else if (frame instanceof DlobFrame.VenueError error) {
            counters.increment(new RejectedInput(VelocityInput.DLOB_WS, Rejection.VENUE_ERROR));
            link.refused(new Refusal(error.channel() == null ? "error" : error.channel(), error.error()));
        } else if (frame instanceof DlobFrame.Orderbook push && push.channel().equals(channel)) {
            // Another market's or grouping's push is not this subscription's data; heartbeats only keep it alive.
            link.acknowledged("first book push");
            books.onBook(push.book(), VelocityInput.DLOB_WS, recvMs);
        }
    }
}
