package perpwatch.feeds.binance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.metrics.FrameCounter;
import perpwatch.feeds.parse.MalformedFrameException;
import perpwatch.feeds.task.FrameParser;
import perpwatch.feeds.task.LinkControl;
import perpwatch.feeds.task.VenueStream;

/**
 * A Binance market stream named in its URL ({@code /ws/<symbol>@aggTrade}, {@code …@depth@100ms}): nothing to
 * subscribe, so the venue sends no ack and the first data frame on a connection is the proof. The venue's error and
 * the reply to a request are answered here the same way for every such stream; a stream supplies its parser and what
 * its event does.
 *
 * @param <E> the stream's event
 */
public abstract class BinanceUrlStream<E extends BinanceFrame> implements VenueStream<BinanceFrame> {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceUrlStream.class);

    private final Class<E> eventType;
    private final FrameParser<BinanceFrame> parser;
    private final FeedCounters counters;

    protected BinanceUrlStream(Class<E> eventType, FrameParser<BinanceFrame> parser, FeedCounters counters) {
        this.eventType = eventType;
        this.parser = parser;
        this.counters = counters;
    }

    /** One event of the stream, on the socket's thread. */
    protected abstract void onEvent(E event);

    @Override
    public final BinanceFrame parse(String text, long recvMs) throws MalformedFrameException {
        return parser.parse(text, recvMs);
    }

    @Override
    public final void handle(BinanceFrame frame, long recvMs, LinkControl link) {
        if (eventType.isInstance(frame)) {
            link.acknowledged("first data frame");
            onEvent(eventType.cast(frame));
        } else if (frame instanceof BinanceFrame.VenueError error) {
            link.venueError(Long.toString(error.code()), error.message());
        } else if (frame instanceof BinanceFrame.Ack ack) {
            LOG.debug("ack {}", ack.id());
        } else {
            counters.increment(FrameCounter.UNHANDLED_EVENTS);
        }
    }
}
