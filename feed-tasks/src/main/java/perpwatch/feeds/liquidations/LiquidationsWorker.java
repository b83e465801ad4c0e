package perpwatch.feeds.liquidations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.model.Liquidation;
import perpwatch.core.model.LiquidationCodec;
import perpwatch.core.redis.BufferedStreamWriter;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.redis.StoreUnavailableException;
import perpwatch.core.stream.FeedLink;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.stream.StreamKeys;
import perpwatch.feeds.FeedTask;
import perpwatch.feeds.concurrent.DaemonThreads;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.metrics.LogSampler;
import perpwatch.feeds.parse.MalformedFrameException;
import perpwatch.feeds.subscription.Refusal;
import perpwatch.feeds.subscription.SubscribedLinks;
import perpwatch.feeds.subscription.SubscriptionState;
import perpwatch.feeds.subscription.SubscriptionTracker;
import perpwatch.feeds.subscription.WatchedLink;
import perpwatch.feeds.ws.ReconnectPolicy;
import perpwatch.feeds.ws.ReconnectingWebSocket;
import perpwatch.feeds.ws.WebSocketListener;
import perpwatch.feeds.ws.WebSocketSession;

/**
 * {@code liquidations}: every venue's liquidations of one instrument, normalized, on {@code
 * market:<sym>usdt:liquidations}.
 * Each venue has its own connection, thread and counters, so one venue down (or slow to prepare) never stops the
 * others.
 *
 * <p>A venue is "connected" (its heartbeat key kept alive) only while the venue has acknowledged the subscription on
 * the current connection (its ack frame, or the first push) AND the link keeps answering. A socket that answers
 * pings after the venue refused the subscription would otherwise read as "0 liquidations, connected": a calm market
 * that is really blindness. After a refusal the connection is dropped and the loop reconnects with its backoff
 * (doubling, since a refused link never becomes healthy), subscribing afresh: a transient refusal heals by itself,
 * a persistent one retries about once a minute, counted ({@code subscribe_refused}) and logged each time.
 */
public final class LiquidationsWorker implements FeedTask, SubscribedLinks {
    private static final Logger LOG = LoggerFactory.getLogger(LiquidationsWorker.class);

    private final String name;
    private final StreamKey key;
    private final BufferedStreamWriter writer;
    private final List<VenueFeed> feeds = new ArrayList<>();
    private final ScheduledExecutorService ticker;
    private final RedisStreams redis;
    private final Instrument instrument;
    private final Duration silenceBudget;
    private final Duration heartbeatTtl;
    private long ticks;

    public LiquidationsWorker(
            Instrument instrument,
            List<LiquidationSource> sources,
            ReconnectPolicy basePolicy,
            BufferedStreamWriter writer,
            RedisStreams redis) {
        this.name = "liquidations:" + instrument.canonical();
        this.key = StreamKeys.liquidations(instrument);
        this.writer = writer;
        this.redis = redis;
        this.instrument = instrument;
        // A heartbeat outlives one silence budget: a venue counts as heard while its link would not yet be replaced.
        this.silenceBudget = basePolicy.silenceTimeout();
        this.heartbeatTtl = silenceBudget.plusSeconds(5);
        for (LiquidationSource source : sources) {
            feeds.add(new VenueFeed(source, basePolicy));
        }
        this.ticker = DaemonThreads.singleScheduler(name + "-tick");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start() {
        feeds.forEach(VenueFeed::start);
        // Retries what Redis refused while it was down; liquidations are rare, so nothing else flushes them.
        ticker.scheduleWithFixedDelay(this::flushAndReport, 1, 1, TimeUnit.SECONDS);
    }

    private void flushAndReport() {
        try {
            writer.flush();
            if (ticks % 5 == 0) {
                beat();
            }
            if (++ticks % 60 == 0) {
                LOG.info("[{}] {} redis_backlog={}", name, counters(), writer.backlog());
            }
        } catch (RuntimeException e) {
            LOG.error("[{}] flush failed", name, e);
        }
    }

    /**
     * Refreshes the heartbeat of every venue whose subscription is acknowledged on the current connection and whose
     * link answered within its silence budget. Redis down: nothing to do.
     */
    private void beat() {
        long now = System.currentTimeMillis();
        for (VenueFeed feed : feeds) {
            if (feed.subscription.subscribedAndAnswering(feed.socket.lastHeardAt(), now, silenceBudget)) {
                try {
                    redis.heartbeat(
                            StreamKeys.liquidationHeartbeat(instrument, feed.source.venue()), now, heartbeatTtl);
                } catch (StoreUnavailableException e) {
                    return;
                }
            }
        }
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> all = new TreeMap<>();
        for (VenueFeed feed : feeds) {
            feed.counters.snapshot().forEach((k, v) -> all.put(feed.source.venue() + "." + k, v));
        }
        writer.describe(all);
        return all;
    }

    @Override
    public List<WatchedLink> links() {
        return feeds.stream()
                .map(f -> new WatchedLink(
                        new FeedLink("liquidations", f.source.venue()), f.subscription, f.socket::lastHeardAt))
                .toList();
    }

    /** Where one venue's subscription stands on its current connection (tests, operators). */
    public SubscriptionState subscriptionState(String venue) {
        return feeds.stream()
                .filter(f -> f.source.venue().equals(venue))
                .findFirst()
                .map(f -> f.subscription.state())
                .orElseThrow(() -> new IllegalArgumentException("no venue " + venue));
    }

    /** Drops one venue's connection (tests, operators); the loop reconnects it. */
    public void dropConnection(String venue) {
        feeds.stream().filter(f -> f.source.venue().equals(venue)).forEach(f -> f.socket.dropConnection());
    }

    @Override
    public void close() {
        feeds.forEach(VenueFeed::close);
        ticker.shutdownNow();
        writer.close();
    }

    /** One venue: its socket, its preparation thread, its counters. */
    private final class VenueFeed implements WebSocketListener {
        final LiquidationSource source;
        final FeedCounters counters = new FeedCounters();
        final SubscriptionTracker subscription = new SubscriptionTracker();
        final ReconnectingWebSocket socket;
        private Thread starter;

        VenueFeed(LiquidationSource source, ReconnectPolicy basePolicy) {
            this.source = source;
            this.socket = new ReconnectingWebSocket(
                    name + ":" + source.venue(), source.uri(), source.policy(basePolicy), this);
        }

        void start() {
            starter = new Thread(
                    () -> {
                        if (source.prepare()) {
                            socket.start();
                        }
                    },
                    name + ":" + source.venue() + "-start");
            starter.setDaemon(true);
            starter.start();
        }

        @Override
        public void onOpen(WebSocketSession session) {
            counters.increment("connects");
            subscription.reset();
            source.subscribe(session);
        }

        @Override
        public void onText(String text, long recvMs) {
            counters.increment("frames");
            LiquidationFrame frame;
            try {
                frame = source.read(text, recvMs, counters);
            } catch (MalformedFrameException e) {
                counters.increment("malformed");
                long n = counters.get("malformed");
                if (LogSampler.shouldLog(n)) {
                    LOG.warn(
                            "[{}:{}] skipped malformed frame #{} ({}): {}",
                            name,
                            source.venue(),
                            n,
                            e.getMessage(),
                            text.length() <= 200 ? text : text.substring(0, 200) + "…");
                }
                return;
            }
            if (frame instanceof LiquidationFrame.Push push) {
                if (subscription.acknowledge()) {
                    LOG.info("[{}:{}] subscribed (first push before any ack)", name, source.venue());
                }
                for (Liquidation l : push.liquidations()) {
                    counters.increment("liquidations");
                    writer.write(key, LiquidationCodec.INSTANCE.encode(l));
                }
            } else if (frame instanceof LiquidationFrame.Subscribed) {
                counters.increment("acks");
                if (subscription.acknowledge()) {
                    LOG.info("[{}:{}] subscription acknowledged", name, source.venue());
                }
            } else if (frame instanceof LiquidationFrame.Refused refused) {
                onRefused(refused.refusal());
            }
        }

        private void onRefused(Refusal refusal) {
            if (!subscription.refuse(refusal)) {
                // Already acknowledged (or already refused) on this connection: the error is about something else.
                counters.increment("venue_errors");
                LOG.warn("[{}:{}] venue error after the subscription was answered ({})", name, source.venue(), refusal);
                return;
            }
            counters.increment("subscribe_refused");
            LOG.error(
                    "[{}:{}] venue REFUSED the subscription ({}); no heartbeat until a new connection is acknowledged;"
                            + " dropping this connection to subscribe again after backoff (refusal #{})",
                    name,
                    source.venue(),
                    refusal,
                    counters.get("subscribe_refused"));
            socket.reconnect("subscription refused (" + refusal + ")");
        }

        @Override
        public void onDisconnect(String reason) {
            counters.increment("disconnects");
            // Until the next connection is acknowledged, this venue is not subscribed (and gets no heartbeat).
            subscription.reset();
        }

        void close() {
            if (starter != null) {
                starter.interrupt();
            }
            socket.close();
        }
    }
}
