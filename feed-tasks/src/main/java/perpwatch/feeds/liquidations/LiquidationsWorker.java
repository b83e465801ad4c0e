package perpwatch.feeds.liquidations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.model.Liquidation;
import perpwatch.core.model.LiquidationCodec;
import perpwatch.core.redis.BufferedStreamWriter;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.redis.StoreUnavailableException;
import perpwatch.core.stream.FeedLink;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.stream.StreamKeys;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.metrics.LinkCounter;
import perpwatch.feeds.metrics.LiquidationCounter;
import perpwatch.feeds.parse.MalformedFrameException;
import perpwatch.feeds.subscription.SubscriptionState;
import perpwatch.feeds.task.FeedLoop;
import perpwatch.feeds.task.LinkControl;
import perpwatch.feeds.task.StreamingFeedTask;
import perpwatch.feeds.task.VenueStream;
import perpwatch.feeds.ws.ReconnectPolicy;
import perpwatch.feeds.ws.WebSocketSession;

/**
 * {@code liquidations}: every venue's liquidations of one instrument, normalized, on
 * {@code market:<sym>usdt:liquidations}. Each venue has its own connection, thread and counters, so one venue down
 * (or slow to prepare) never stops the others.
 *
 * <p>A venue is "connected" (its heartbeat key kept alive) only while the venue has acknowledged the subscription on
 * the current connection (its ack frame, or the first push) AND the link keeps answering. A socket that answers
 * pings after the venue refused the subscription would otherwise read as "0 liquidations, connected": a calm market
 * that is really blindness. After a refusal the connection is dropped and the loop reconnects with its backoff
 * (doubling, since a refused link never becomes healthy), subscribing afresh: a transient refusal heals by itself,
 * a persistent one retries about once a minute, counted ({@code subscribe_refused}) and logged each time.
 */
public final class LiquidationsWorker extends StreamingFeedTask {
    /** Retries what Redis refused while it was down: liquidations are rare, so nothing else flushes them. */
    private static final Duration TICK = Duration.ofSeconds(1);

    private static final Duration BEAT_EVERY = Duration.ofSeconds(5);

    private final StreamKey key;
    private final List<VenueFeed> feeds = new ArrayList<>();
    private final RedisStreams redis;
    private final Instrument instrument;
    private final Duration silenceBudget;
    private final Duration heartbeatTtl;
    private long nextBeatAt;

    public LiquidationsWorker(
            Instrument instrument,
            List<LiquidationSource> sources,
            ReconnectPolicy basePolicy,
            BufferedStreamWriter writer,
            RedisStreams redis,
            LongSupplier clock) {
        super("liquidations:" + instrument.canonical(), writer, clock, TICK);
        this.key = StreamKeys.liquidations(instrument);
        this.redis = redis;
        this.instrument = instrument;
        // A heartbeat outlives one silence budget: a venue counts as heard while its link would not yet be replaced.
        this.silenceBudget = basePolicy.silenceTimeout();
        this.heartbeatTtl = silenceBudget.plusSeconds(5);
        for (LiquidationSource source : sources) {
            VenueFeed feed = new VenueFeed(source);
            feed.loop = connect(
                    name + ":" + source.venue(),
                    new FeedLink("liquidations", source.venue()),
                    source.uri(),
                    source.policy(basePolicy),
                    feed.counters,
                    feed);
            feeds.add(feed);
        }
    }

    @Override
    protected void onTick(long now) {
        if (now >= nextBeatAt) {
            nextBeatAt = now + BEAT_EVERY.toMillis();
            beat(now);
        }
    }

    /**
     * Refreshes the heartbeat of every venue whose subscription is acknowledged on the current connection and whose
     * link answered within its silence budget. Redis down: nothing to do.
     */
    private void beat(long now) {
        for (VenueFeed feed : feeds) {
            if (feed.loop.subscribedAndAnswering(now, silenceBudget)) {
                try {
                    redis.heartbeat(
                            StreamKeys.liquidationHeartbeat(instrument, feed.source.venue()), now, heartbeatTtl);
                } catch (StoreUnavailableException e) {
                    return;
                }
            }
        }
    }

    /** Each venue's counters under its name ({@code okx.acks}); a venue's link is not a task's link. */
    @Override
    protected void describe(Map<String, Long> all) {
        for (VenueFeed feed : feeds) {
            feed.counters.snapshot().forEach((k, v) -> all.put(feed.source.venue() + "." + k, v));
        }
    }

    /** Where one venue's subscription stands on its current connection (tests, operators). */
    public SubscriptionState subscriptionState(String venue) {
        return feed(venue).loop.subscriptionState();
    }

    /** Drops one venue's connection (tests, operators); the loop reconnects it. */
    public void dropConnection(String venue) {
        feed(venue).loop.dropConnection();
    }

    private VenueFeed feed(String venue) {
        return feeds.stream()
                .filter(f -> f.source.venue().equals(venue))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no venue " + venue));
    }

    /** One venue: its source, its link, its counters. Its preparation runs on the link's own thread. */
    private final class VenueFeed implements VenueStream<LiquidationFrame> {
        final LiquidationSource source;
        final FeedCounters counters = new FeedCounters();
        FeedLoop<LiquidationFrame> loop;

        VenueFeed(LiquidationSource source) {
            this.source = source;
        }

        @Override
        public boolean prepare() {
            return source.prepare();
        }

        @Override
        public void subscribe(WebSocketSession session) {
            source.subscribe(session);
        }

        @Override
        public LiquidationFrame parse(String text, long recvMs) throws MalformedFrameException {
            return source.read(text, recvMs, counters);
        }

        @Override
        public void handle(LiquidationFrame frame, long recvMs, LinkControl link) {
            if (frame instanceof LiquidationFrame.Push push) {
                link.acknowledged("first push before any ack");
                for (Liquidation l : push.liquidations()) {
                    counters.increment(LiquidationCounter.LIQUIDATIONS);
                    writer.write(key, LiquidationCodec.INSTANCE.encode(l));
                }
            } else if (frame instanceof LiquidationFrame.Subscribed) {
                counters.increment(LinkCounter.ACKS);
                link.acknowledged("subscription acknowledged");
            } else if (frame instanceof LiquidationFrame.Refused refused) {
                link.refused(refused.refusal());
            }
        }
    }
}
