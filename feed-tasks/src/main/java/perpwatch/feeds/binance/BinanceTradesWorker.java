package perpwatch.feeds.binance;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.calc.MinuteBarAggregator;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.instrument.Venue;
import perpwatch.core.model.Bar;
import perpwatch.core.model.BarCodec;
import perpwatch.core.model.PriceTick;
import perpwatch.core.model.PriceTickCodec;
import perpwatch.core.model.Trade;
import perpwatch.core.redis.BufferedStreamWriter;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.redis.StoreUnavailableException;
import perpwatch.core.stream.FeedLink;
import perpwatch.core.stream.MalformedRecordException;
import perpwatch.core.stream.StreamEntry;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.stream.StreamKeys;
import perpwatch.feeds.FeedTask;
import perpwatch.feeds.concurrent.DaemonThreads;
import perpwatch.feeds.http.RestGetter;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.metrics.LogSampler;
import perpwatch.feeds.parse.MalformedFrameException;
import perpwatch.feeds.sequence.TradeIdLedger;
import perpwatch.feeds.subscription.SubscribedLinks;
import perpwatch.feeds.subscription.SubscriptionTracker;
import perpwatch.feeds.subscription.WatchedLink;
import perpwatch.feeds.throttle.LatestValueThrottle;
import perpwatch.feeds.ws.Backoff;
import perpwatch.feeds.ws.ReconnectPolicy;
import perpwatch.feeds.ws.ReconnectingWebSocket;
import perpwatch.feeds.ws.WebSocketListener;
import perpwatch.feeds.ws.WebSocketSession;

/**
 * {@code binance-trades}: Binance aggTrade → closed 1-minute bars on {@code market:<sym>usdt:trades} and the last
 * price, at most once a second, on {@code market:<sym>usdt:price}.
 *
 * <p>The bar in progress belongs to this worker, not to a connection, so reconnects (including Binance's 24 h
 * cut-off, which we pre-empt by rotating) never lose it. Aggregate-trade ids drop the duplicates a reconnect can
 * replay; the ids a reconnect or a gap leaves out are fetched from REST ({@link AggTradeBackfill}) before the bar
 * closes, and a bar that could not wait for them says so ({@code complete=false}, {@code missing_trades}) and is
 * re-published once they arrive. Trades for a published minute re-publish it ({@code revision} n+1, see
 * {@link MinuteBarAggregator}). On start the worker continues from the last bar in Redis: CVD resumes from it, trades
 * it already holds count as duplicates, and the bar in progress is rebuilt from REST from the last id written.
 */
public final class BinanceTradesWorker implements FeedTask, WebSocketListener, SubscribedLinks {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceTradesWorker.class);
    private static final long TICK_MS = 200;
    private static final long PRICE_INTERVAL_MS = 1_000;
    private static final Duration STATS_EVERY = Duration.ofMinutes(1);

    private final String name;
    private final Instrument instrument;
    private final RedisStreams redis;
    private final BufferedStreamWriter writer;
    private final LongSupplier clock;
    private final StreamKey barsKey;
    private final StreamKey priceKey;
    private final BinanceAggTradeParser parser = new BinanceAggTradeParser();
    private final MinuteBarAggregator bars;
    private final TradeIdLedger ledger = new TradeIdLedger();
    /** Null when the worker runs without REST (then gaps are recorded, never filled). */
    private final AggTradeBackfill backfill;

    private final LatestValueThrottle<PriceTick> prices = new LatestValueThrottle<>(PRICE_INTERVAL_MS);
    private final FeedCounters counters = new FeedCounters();
    private final ReconnectingWebSocket socket;
    /** The stream is named in the URL, so the venue sends no ack: the first data frame on a connection is the proof. */
    private final SubscriptionTracker subscription = new SubscriptionTracker();

    private final ScheduledExecutorService ticker;
    private volatile boolean running;
    /**
     * Connection ups (true) and downs (false), handed to the ledger under the worker's lock by whichever thread takes
     * it next: the socket's callbacks never wait for that lock (the socket may be closing under it).
     */
    private final ConcurrentLinkedQueue<Boolean> linkEvents = new ConcurrentLinkedQueue<>();

    private long lastStatsAt;

    /**
     * Where missing trades come from: the venue's REST base, with the client and how failures wait.
     *
     * @param restBase {@code https://fapi.binance.com} or a simulator's
     */
    public record Backfill(String restBase, RestGetter rest, Backoff backoff, AggTradeBackfill.Sleeper sleeper) {
        public static Backfill rest(String restBase, Duration timeout) {
            return new Backfill(
                    restBase,
                    new RestGetter(timeout),
                    new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2),
                    d -> Thread.sleep(d.toMillis()));
        }
    }

    /** Without backfill: gaps are recorded and bars marked incomplete, nothing is fetched. */
    public BinanceTradesWorker(
            Instrument instrument,
            URI streamUri,
            ReconnectPolicy policy,
            RedisStreams redis,
            BufferedStreamWriter writer,
            Duration barCloseSilence,
            LongSupplier clock) {
        this(instrument, streamUri, policy, redis, writer, barCloseSilence, clock, null);
    }

    public BinanceTradesWorker(
            Instrument instrument,
            URI streamUri,
            ReconnectPolicy policy,
            RedisStreams redis,
            BufferedStreamWriter writer,
            Duration barCloseSilence,
            LongSupplier clock,
            Backfill backfill) {
        this.name = "binance-trades:" + instrument.canonical();
        this.instrument = instrument;
        this.redis = redis;
        this.writer = writer;
        this.clock = clock;
        this.barsKey = StreamKeys.trades(instrument);
        this.priceKey = StreamKeys.price(instrument);
        this.bars = new MinuteBarAggregator(barCloseSilence.toMillis());
        this.backfill = backfill == null
                ? null
                : new AggTradeBackfill(
                        name,
                        backfill.restBase(),
                        instrument.symbol(Venue.BINANCE),
                        backfill.rest(),
                        backfill.backoff(),
                        backfill.sleeper(),
                        clock,
                        counters,
                        new BackfillSink());
        this.socket = new ReconnectingWebSocket(name, streamUri, policy, this);
        this.ticker = DaemonThreads.singleScheduler(name + "-tick");
    }

    @Override
    public List<WatchedLink> links() {
        return List.of(new WatchedLink(new FeedLink("binance-trades", "binance"), subscription, socket::lastHeardAt));
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Restores CVD from Redis (waiting for Redis if it is down: a CVD from zero would be a wrong number), then
     * connects.
     */
    @Override
    public void start() {
        running = true;
        Thread starter = new Thread(
                () -> {
                    if (restoreFromLastBar()) {
                        lastStatsAt = clock.getAsLong();
                        ticker.scheduleWithFixedDelay(this::tickSafely, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
                        if (backfill != null) {
                            backfill.start();
                            backfill.wake();
                        }
                        socket.start();
                    }
                },
                name + "-start");
        starter.setDaemon(true);
        starter.start();
    }

    private boolean restoreFromLastBar() {
        long waitMs = 500;
        while (running) {
            try {
                Optional<StreamEntry> last = redis.last(barsKey);
                synchronized (this) {
                    if (last.isPresent()) {
                        Bar bar = BarCodec.INSTANCE.decode(last.get().fields());
                        bars.restore(bar);
                        // Its last trade is in its minute; what came after (the bar in progress) is fetched from REST.
                        ledger.resumeAfter(bar.lastTradeId(), bar.openTime());
                        LOG.info(
                                "[{}] continuing after bar {} (last trade id {}, cvd {})",
                                name,
                                bar.openTime(),
                                bar.lastTradeId(),
                                bar.cvd().toPlainString());
                    } else {
                        LOG.info("[{}] no earlier bar in {}; CVD starts at 0", name, barsKey);
                    }
                }
                counters.increment("started");
                return true;
            } catch (MalformedRecordException e) {
                counters.increment("restore_malformed");
                LOG.error("[{}] last entry of {} is unreadable ({}); CVD starts at 0", name, barsKey, e.getMessage());
                return true;
            } catch (StoreUnavailableException e) {
                counters.increment("restore_waits");
                LOG.warn("[{}] waiting for redis to restore CVD: {}", name, e.getMessage());
                try {
                    Thread.sleep(waitMs);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                waitMs = Math.min(waitMs * 2, 10_000);
            }
        }
        return false;
    }

    @Override
    public void onOpen(WebSocketSession session) {
        // The stream is named in the URL (/ws/<symbol>@aggTrade): nothing to subscribe.
        counters.increment("connects");
        subscription.reset();
        linkEvents.add(Boolean.TRUE);
        wakeBackfill();
    }

    @Override
    public void onText(String text, long recvMs) {
        counters.increment("frames");
        BinanceFrame frame;
        try {
            frame = parser.parse(text, recvMs);
        } catch (MalformedFrameException e) {
            long n = counters.get("malformed") + 1;
            counters.increment("malformed");
            if (LogSampler.shouldLog(n)) {
                LOG.warn("[{}] skipped malformed frame #{} ({}): {}", name, n, e.getMessage(), abbreviate(text));
            }
            return;
        }
        if (frame instanceof BinanceFrame.AggTrade trade) {
            if (subscription.acknowledge()) {
                LOG.info("[{}] subscribed (first data frame)", name);
            }
            onTrade(trade);
        } else if (frame instanceof BinanceFrame.VenueError error) {
            counters.increment("venue_errors");
            LOG.warn("[{}] venue error {}: {}", name, error.code(), error.message());
        } else if (frame instanceof BinanceFrame.Ack ack) {
            LOG.debug("[{}] ack {}", name, ack.id());
        } else {
            counters.increment("unhandled_events");
        }
    }

    /** Caller holds the lock. */
    private void applyLinkEvents() {
        Boolean up;
        while ((up = linkEvents.poll()) != null) {
            if (up) {
                ledger.reconnected();
            } else {
                ledger.interrupted();
            }
        }
    }

    private synchronized void onTrade(BinanceFrame.AggTrade frame) {
        applyLinkEvents();
        if (!instrument.symbol(Venue.BINANCE).equals(frame.symbol())) {
            counters.increment("other_symbol");
            return;
        }
        long id = frame.trade().id();
        switch (ledger.observe(id, frame.trade().tradeTime(), true)) {
            case DUPLICATE -> {
                counters.increment("duplicates");
                return;
            }
            case GAP -> {
                counters.increment("gaps");
                counters.add("missing_ids", ledger.lastGapSize());
                LOG.warn("[{}] aggregate trade id gap: {} id(s) missing before {}", name, ledger.lastGapSize(), id);
                wakeBackfill();
            }
            default -> {}
        }
        counters.increment("trades");
        long now = clock.getAsLong();
        add(frame.trade());
        publishDue(now);
        PriceTick tick = new PriceTick(
                frame.trade().price(), frame.trade().tradeTime(), frame.trade().recvTime());
        prices.offer(tick, now).ifPresent(this::writePrice);
    }

    private void add(Trade trade) {
        switch (bars.accept(trade)) {
            case REVISES_PUBLISHED -> {
                counters.increment("late_trades");
                LOG.info(
                        "[{}] trade {} at {} belongs to a published minute; the bar will be re-published",
                        name,
                        trade.id(),
                        trade.tradeTime());
            }
            case TOO_OLD -> {
                counters.increment("too_old_trades");
                LOG.warn(
                        "[{}] trade {} at {} is older than the minutes still held; not in any bar",
                        name,
                        trade.id(),
                        trade.tradeTime());
            }
            default -> {}
        }
    }

    private void publishDue(long now) {
        bars.due(now, ledger).forEach(this::writeBar);
    }

    private void wakeBackfill() {
        if (backfill != null) {
            backfill.wake();
        }
    }

    /** REST pages land here, on the backfill thread, under the worker's lock like every other change. */
    private final class BackfillSink implements AggTradeBackfill.Sink {
        @Override
        public OptionalLong nextFetchFrom() {
            synchronized (BinanceTradesWorker.this) {
                applyLinkEvents();
                return ledger.nextFetchFrom();
            }
        }

        @Override
        public void backfilled(long fromId, List<Trade> trades, boolean exhausted) {
            synchronized (BinanceTradesWorker.this) {
                long lastReturned = fromId - 1;
                for (Trade trade : trades) {
                    lastReturned = Math.max(lastReturned, trade.id());
                    if (ledger.observe(trade.id(), trade.tradeTime(), false) == TradeIdLedger.Verdict.DUPLICATE) {
                        continue;
                    }
                    counters.increment("backfilled");
                    add(trade);
                }
                ledger.settled(fromId, lastReturned, exhausted);
                counters.increment("backfill_pages");
                publishDue(clock.getAsLong());
            }
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.error("[{}] tick failed", name, e);
        }
    }

    synchronized void tick() {
        long now = clock.getAsLong();
        applyLinkEvents();
        long givenUp = ledger.forgetBefore(now - MinuteBarAggregator.DEFAULT_RETAINED_MINUTES * Bar.MINUTE_MS);
        if (givenUp > 0) {
            counters.add("missing_given_up", givenUp);
            LOG.warn("[{}] gave up on {} missing id(s): their minutes are no longer held", name, givenUp);
        }
        publishDue(now);
        prices.poll(now).ifPresent(this::writePrice);
        writer.flush();
        if (now - lastStatsAt >= STATS_EVERY.toMillis()) {
            lastStatsAt = now;
            LOG.info("[{}] {} {} redis_backlog={}", name, counters.snapshot(), socket.stats(), writer.backlog());
        }
    }

    private void writeBar(Bar bar) {
        counters.increment("bars");
        if (bar.revision() > 0) {
            counters.increment("revisions");
        }
        if (!bar.complete()) {
            counters.increment("incomplete_bars");
            LOG.warn(
                    "[{}] bar {} published incomplete ({} id(s) known missing), revision {}",
                    name,
                    bar.openTime(),
                    bar.missingTrades(),
                    bar.revision());
        }
        writer.write(barsKey, BarCodec.INSTANCE.encode(bar));
    }

    private void writePrice(PriceTick tick) {
        counters.increment("prices");
        writer.write(priceKey, PriceTickCodec.INSTANCE.encode(tick));
    }

    @Override
    public void onDisconnect(String reason) {
        counters.increment("disconnects");
        // Trades published until the next connection delivers are fetched from REST; the bar waits for them.
        linkEvents.add(Boolean.FALSE);
        wakeBackfill();
        subscription.reset();
    }

    /** Whether ids are still missing or unverified (tests wait for the backfill to settle). */
    public synchronized boolean backfillPending() {
        applyLinkEvents();
        return ledger.nextFetchFrom().isPresent();
    }

    /** Drops the venue connection (operator action, tests); the loop reconnects. */
    public void dropConnection() {
        socket.dropConnection();
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> all = new TreeMap<>(counters.snapshot());
        writer.describe(all);
        socket.stats().describe(all);
        return all;
    }

    @Override
    public void close() {
        running = false;
        socket.close();
        ticker.shutdownNow();
        if (backfill != null) {
            backfill.close();
        }
        synchronized (this) {
            // Whatever is still owed to Redis gets one last chance; the bar in progress is not closed early.
            writer.close();
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…(" + text.length() + " chars)";
    }
}
