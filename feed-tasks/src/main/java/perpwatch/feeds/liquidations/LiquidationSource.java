package perpwatch.feeds.liquidations;

import java.net.URI;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.parse.MalformedFrameException;
import perpwatch.feeds.ws.ReconnectPolicy;
import perpwatch.feeds.ws.WebSocketSession;

/** One venue's liquidation feed: where to connect, what to subscribe, how to read its frames into our schema. */
public interface LiquidationSource {
    /** {@code binance}, {@code okx} or {@code bybit}: the {@code venue} field and the counter prefix. */
    String venue();

    URI uri();

    /** The shared policy with this venue's keepalive. */
    ReconnectPolicy policy(ReconnectPolicy base);

    /** Blocks until frames can be converted (OKX needs contract values first); false when interrupted. */
    default boolean prepare() {
        return true;
    }

    /** Sends the subscription on a new connection (again after every reconnect). */
    void subscribe(WebSocketSession session);

    /**
     * Classifies one frame: a push (with the instrument's liquidations in it), the venue's ack or refusal of the
     * subscription, or a control frame. Error frames that are not about the subscription are counted as
     * {@code venue_errors} and logged by the source and come back as {@link LiquidationFrame.Control}.
     */
    LiquidationFrame read(String text, long recvMs, FeedCounters counters) throws MalformedFrameException;
}
