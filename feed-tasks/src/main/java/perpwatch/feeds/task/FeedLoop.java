package perpwatch.feeds.task;

import java.net.URI;
import java.time.Duration;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.stream.FeedLink;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.metrics.FrameCounter;
import perpwatch.feeds.metrics.LinkCounter;
import perpwatch.feeds.metrics.LogSampler;
import perpwatch.feeds.parse.MalformedFrameException;
import perpwatch.feeds.subscription.Refusal;
import perpwatch.feeds.subscription.SubscriptionState;
import perpwatch.feeds.subscription.SubscriptionTracker;
import perpwatch.feeds.subscription.WatchedLink;
import perpwatch.feeds.ws.ConnectionStats;
import perpwatch.feeds.ws.Disconnect;
import perpwatch.feeds.ws.ReconnectPolicy;
import perpwatch.feeds.ws.ReconnectingWebSocket;
import perpwatch.feeds.ws.WebSocketListener;
import perpwatch.feeds.ws.WebSocketSession;

/**
 * One venue connection of a feed task: the connection events, the frame loop with its malformed-frame accounting
 * (counted, the log sampled), and the subscription state on the current connection. The venue's {@link VenueStream}
 * supplies the subscribe message, the parser and what a parsed frame does.
 *
 * <p>A link is "subscribed" only once the venue acknowledged the subscription on the current connection (its ack, or
 * the first data frame); every connection starts unsubscribed. A refusal drops the connection: the socket's backoff
 * then escalates, since a refused link never counts as healthy.
 */
public final class FeedLoop<F> implements WebSocketListener, LinkControl {
    private static final Logger LOG = LoggerFactory.getLogger(FeedLoop.class);

    private final String name;
    private final FeedLink link;
    private final FeedCounters counters;
    private final VenueStream<F> venue;
    private final SubscriptionTracker subscription = new SubscriptionTracker();
    private final ReconnectingWebSocket socket;
    private Thread starter;

    /**
     * @param name     the connection's name in logs and thread names
     * @param counters where this link counts (the task's own, or one per venue when a task has several)
     */
    public FeedLoop(
            String name, FeedLink link, URI uri, ReconnectPolicy policy, FeedCounters counters, VenueStream<F> venue) {
        this.name = name;
        this.link = link;
        this.counters = counters;
        this.venue = venue;
        this.socket = new ReconnectingWebSocket(name, uri, policy, this);
    }

    /** Prepares the venue on a thread of its own, then connects. */
    void start() {
        starter = new Thread(
                () -> {
                    if (venue.prepare()) {
                        socket.start();
                    }
                },
                name + "-start");
        starter.setDaemon(true);
        starter.start();
    }

    void close() {
        if (starter != null) {
            starter.interrupt();
        }
        socket.close();
    }

    @Override
    public void onOpen(WebSocketSession session) {
        counters.increment(LinkCounter.CONNECTS);
        subscription.reset();
        venue.connected();
        venue.subscribe(session);
    }

    @Override
    public void onText(String text, long recvMs) {
        counters.increment(FrameCounter.FRAMES);
        F frame;
        try {
            frame = venue.parse(text, recvMs);
        } catch (MalformedFrameException e) {
            long n = counters.incrementAndGet(FrameCounter.MALFORMED);
            if (LogSampler.shouldLog(n)) {
                LOG.warn(
                        "[{}] skipped malformed frame #{} ({}): {}",
                        name,
                        n,
                        e.getMessage(),
                        LogSampler.abbreviate(text));
            }
            return;
        }
        venue.handle(frame, recvMs, this);
    }

    @Override
    public void onDisconnect(Disconnect disconnect) {
        counters.increment(LinkCounter.DISCONNECTS);
        // Not subscribed again until the next connection is acknowledged.
        subscription.reset();
        venue.disconnected(disconnect);
    }

    @Override
    public void acknowledged(String how) {
        if (subscription.acknowledge()) {
            LOG.info("[{}] subscribed ({})", name, how);
        }
    }

    @Override
    public void refused(Refusal refusal) {
        if (!subscription.refuse(refusal)) {
            // Already acknowledged (or already refused) on this connection: the error is about something else.
            venueError(refusal.code(), refusal.message());
            return;
        }
        long n = counters.incrementAndGet(LinkCounter.SUBSCRIBE_REFUSED);
        LOG.error(
                "[{}] venue REFUSED the subscription ({}); not subscribed until a new connection is acknowledged;"
                        + " dropping this connection to subscribe again after backoff (refusal #{})",
                name,
                refusal,
                n);
        socket.reconnect("subscription refused (" + refusal + ")");
    }

    @Override
    public void venueError(String code, String message) {
        counters.increment(FrameCounter.VENUE_ERRORS);
        LOG.warn("[{}] venue error {}: {}", name, code, message);
    }

    public SubscriptionState subscriptionState() {
        return subscription.state();
    }

    /** For the link's heartbeat: subscribed on this connection and heard within {@code budget}. */
    public boolean subscribedAndAnswering(long now, Duration budget) {
        return subscription.subscribedAndAnswering(socket.lastHeardAt(), now, budget);
    }

    public OptionalLong lastHeardAt() {
        return socket.lastHeardAt();
    }

    WatchedLink watched() {
        return new WatchedLink(link, subscription, socket::lastHeardAt);
    }

    public FeedLink link() {
        return link;
    }

    public FeedCounters counters() {
        return counters;
    }

    public ConnectionStats stats() {
        return socket.stats();
    }

    /** Drops the connection as if the network had (operators, tests); the loop reconnects. */
    public void dropConnection() {
        socket.dropConnection();
    }
}
