package perpwatch.feeds.liquidations;

import java.net.URI;
import java.util.List;
import perpwatch.core.model.Liquidation;
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
     * The instrument's liquidations in one frame. Control frames (acks, pongs) give none; venue error frames give
     * none and are counted as {@code venue_errors} and logged by the source.
     */
    List<Liquidation> read(String text, long recvMs, FeedCounters counters) throws MalformedFrameException;
}
