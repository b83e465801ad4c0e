package perpwatch.feeds.binance;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.calc.MinuteBarAggregator;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.model.Bar;
import perpwatch.core.model.BarCodec;
import perpwatch.core.model.PriceTick;
import perpwatch.core.model.PriceTickCodec;
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
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.metrics.LogSampler;
import perpwatch.feeds.parse.MalformedFrameException;
import perpwatch.feeds.sequence.TradeIdSequencer;
import perpwatch.feeds.subscription.SubscribedLinks;
import perpwatch.feeds.subscription.SubscriptionTracker;
import perpwatch.feeds.subscription.WatchedLink;
import perpwatch.feeds.throttle.LatestValueThrottle;
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
 * replay and count the gaps it can leave. On start the worker continues from the last bar in Redis: CVD resumes from
 * it and trades it already holds count as duplicates.
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
    private final TradeIdSequencer sequencer = new TradeIdSequencer();
    private final LatestValueThrottle<PriceTick> prices = new LatestValueThrottle<>(PRICE_INTERVAL_MS);
    private final FeedCounters counters = new FeedCounters();
    private final ReconnectingWebSocket socket;
    /** The stream is named in the URL, so the venue sends no ack: the first data frame on a connection is the proof. */
    private final SubscriptionTracker subscription = new SubscriptionTracker();
    private final ScheduledExecutorService ticker;
    private volatile boolean running;
    private long lastStatsAt;

    public BinanceTradesWorker(Instrument instrument, URI streamUri, ReconnectPolicy policy, RedisStreams redis,
                               BufferedStreamWriter writer, Duration barCloseGrace, LongSupplier clock) {
        this.name = "binance-trades:" + instrument.canonical();
        this.instrument = instrument;
        this.redis = redis;
        this.writer = writer;
        this.clock = clock;
        this.barsKey = StreamKeys.trades(instrument);
        this.priceKey = StreamKeys.price(instrument);
        this.bars = new MinuteBarAggregator(barCloseGrace.toMillis());
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

    /** Restores CVD from Redis (waiting for Redis if it is down: a CVD from zero would be a wrong number), then connects. */
    @Override
    public void start() {
        running = true;
        Thread starter = new Thread(() -> {
            if (restoreFromLastBar()) {
                lastStatsAt = clock.getAsLong();
                ticker.scheduleWithFixedDelay(this::tickSafely, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
                socket.start();
            }
        }, name + "-start");
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
                        sequencer.resumeAfter(bar.lastTradeId());
                        LOG.info("[{}] continuing after bar {} (last trade id {}, cvd {})", name, bar.openTime(), bar.lastTradeId(), bar.cvd().toPlainString());
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

    private synchronized void onTrade(BinanceFrame.AggTrade frame) {
        if (!instrument.binance().equals(frame.symbol())) {
            counters.increment("other_symbol");
            return;
        }
        long id = frame.trade().id();
        switch (sequencer.check(id)) {
            case DUPLICATE -> {
                counters.increment("duplicates");
                return;
            }
            case GAP -> {
                counters.increment("gaps");
                counters.add("missing_ids", sequencer.lastGapSize());
                LOG.warn("[{}] aggregate trade id gap: {} id(s) missing before {}", name, sequencer.lastGapSize(), id);
            }
            default -> {
            }
        }
        counters.increment("trades");
        long now = clock.getAsLong();
        long lateBefore = bars.lateTrades();
        bars.accept(frame.trade(), now).ifPresent(this::writeBar);
        if (bars.lateTrades() > lateBefore) {
            counters.increment("late_trades");
            LOG.warn("[{}] trade {} at {} belongs to a minute already closed; not added", name, id, frame.trade().tradeTime());
        }
        PriceTick tick = new PriceTick(frame.trade().price(), frame.trade().tradeTime(), frame.trade().recvTime());
        prices.offer(tick, now).ifPresent(this::writePrice);
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
        bars.closeIfDue(now).ifPresent(this::writeBar);
        prices.poll(now).ifPresent(this::writePrice);
        writer.flush();
        if (now - lastStatsAt >= STATS_EVERY.toMillis()) {
            lastStatsAt = now;
            LOG.info("[{}] {} {} redis_backlog={}", name, counters.snapshot(), socket.stats(), writer.backlog());
        }
    }

    private void writeBar(Bar bar) {
        counters.increment("bars");
        writer.write(barsKey, BarCodec.INSTANCE.encode(bar));
    }

    private void writePrice(PriceTick tick) {
        counters.increment("prices");
        writer.write(priceKey, PriceTickCodec.INSTANCE.encode(tick));
    }

    @Override
    public void onDisconnect(String reason) {
        counters.increment("disconnects");
        subscription.reset();
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
        synchronized (this) {
            // Whatever is still owed to Redis gets one last chance; the bar in progress is not closed early.
            writer.close();
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…(" + text.length() + " chars)";
    }
}
