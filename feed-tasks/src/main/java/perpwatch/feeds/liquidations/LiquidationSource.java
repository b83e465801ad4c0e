package perpwatch.feeds.liquidations;

import java.net.URI;
import perpwatch.core.model.PositionSide;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.parse.MalformedFrameException;
import perpwatch.feeds.ws.Keepalive;
import perpwatch.feeds.ws.ReconnectPolicy;
import perpwatch.feeds.ws.WebSocketSession;

/**
 * One venue's liquidation feed: where to connect, how to keep the link and what to subscribe (given here), and how
 * to read its frames into our schema (the venue's code).
 */
public abstract class LiquidationSource {
    private final String venue;
    private final URI uri;
    private final Keepalive keepalive;
    private final String subscribeMessage;

    /**
     * @param venue            {@code binance}, {@code okx} or {@code bybit}: the {@code venue} field and the counter
     *                         prefix
     * @param keepalive        what keeps a quiet link (no liquidations for minutes) open and answering
     * @param subscribeMessage sent on every new connection
     */
    protected LiquidationSource(String venue, URI uri, Keepalive keepalive, String subscribeMessage) {
        this.venue = venue;
        this.uri = uri;
        this.keepalive = keepalive;
        this.subscribeMessage = subscribeMessage;
    }

    public final String venue() {
        return venue;
    }

    public final URI uri() {
        return uri;
    }

    /** The shared policy with this venue's keepalive. */
    public final ReconnectPolicy policy(ReconnectPolicy base) {
        return base.withKeepalive(keepalive);
    }

    /** Blocks until frames can be converted (OKX needs contract values first); false when interrupted. */
    public boolean prepare() {
        return true;
    }

    /** Sends the subscription on a new connection (again after every reconnect). */
    public final void subscribe(WebSocketSession session) {
        session.sendText(subscribeMessage);
    }

    /**
     * The liquidated position's side from a venue's word for it ({@code longWord} for a long), whatever the venue
     * means by the field (Binance and OKX send the liquidation order's side, Bybit the position's).
     */
    protected static PositionSide positionSide(String value, String longWord, String shortWord, String field)
            throws MalformedFrameException {
        if (value.equals(longWord)) {
            return PositionSide.LONG;
        }
        if (value.equals(shortWord)) {
            return PositionSide.SHORT;
        }
        throw new MalformedFrameException(
                field + " must be " + shortWord + " or " + longWord + ", not '" + value + "'");
    }

    /**
     * Classifies one frame: a push (with the instrument's liquidations in it), the venue's ack or refusal of the
     * subscription, or a control frame. Error frames that are not about the subscription are counted as
     * {@code venue_errors} and logged by the source and come back as {@link LiquidationFrame.Control}.
     */
    public abstract LiquidationFrame read(String text, long recvMs, FeedCounters counters)
            throws MalformedFrameException;
}
