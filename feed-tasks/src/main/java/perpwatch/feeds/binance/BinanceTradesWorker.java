package perpwatch.feeds.binance;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
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
import perpwatch.feeds.http.RestGetter;
import perpwatch.feeds.metrics.BackfillCounter;
import perpwatch.feeds.metrics.FrameCounter;
import perpwatch.feeds.metrics.LinkCounter;
import perpwatch.feeds.metrics.TradeCounter;
import perpwatch.feeds.sequence.TradeIdLedger;
import perpwatch.feeds.task.FeedLoop;
import perpwatch.feeds.task.StreamingFeedTask;
import perpwatch.feeds.throttle.LatestValueThrottle;
import perpwatch.feeds.ws.Backoff;
import perpwatch.feeds.ws.Disconnect;
import perpwatch.feeds.ws.ReconnectPolicy;

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
public final class BinanceTradesWorker extends StreamingFeedTask {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceTradesWorker.class);
    private static final Duration TICK = Duration.ofMillis(200);
    private static final long PRICE_INTERVAL_MS = 1_000;

    private final Instrument instrument;
    private final RedisStreams redis;
    private final StreamKey barsKey;
    private final StreamKey priceKey;
    private final MinuteBarAggregator bars;
    private final TradeIdLedger ledger = new TradeIdLedger();
    /** Null when the worker runs without REST (then gaps are recorded, never filled). */
    private final AggTradeBackfill backfill;

    private final LatestValueThrottle<PriceTick> prices = new LatestValueThrottle<>(PRICE_INTERVAL_MS);
    private final FeedLoop<BinanceFrame> loop;
    /**
     * Connection ups (true) and downs (false), handed to the ledger under the worker's lock by whichever thread takes
     * it next: the socket's callbacks never wait for that lock (the socket may be closing under it).
     */
    private final ConcurrentLinkedQueue<Boolean> linkEvents = new ConcurrentLinkedQueue<>();

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
        super("binance-trades:" + instrument.canonical(), writer, clock, TICK);
        this.instrument = instrument;
        this.redis = redis;
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
        this.loop = connect(new FeedLink("binance-trades", "binance"), streamUri, policy, new AggTrades());
    }

    /** The stream is named in the URL (/ws/<symbol>@aggTrade): nothing to subscribe, the first trade is the ack. */
    private final class AggTrades extends BinanceUrlStream<BinanceFrame.AggTrade> {
        AggTrades() {
            super(BinanceFrame.AggTrade.class, new BinanceAggTradeParser()::parse, counters);
        }

        @Override
        protected void onEvent(BinanceFrame.AggTrade trade) {
            onTrade(trade);
        }

        @Override
        public void connected() {
            linkEvents.add(Boolean.TRUE);
            wakeBackfill();
        }

        @Override
        public void disconnected(Disconnect disconnect) {
            // Trades published until the next connection delivers are fetched from REST; the bar waits for them.
            linkEvents.add(Boolean.FALSE);
            wakeBackfill();
        }
    }

    /** Restores CVD from Redis (waiting for Redis if it is down: a CVD from zero would be a wrong number). */
    @Override
    protected boolean prepare() {
        return restoreFromLastBar();
    }

    @Override
    protected void started() {
        if (backfill != null) {
            backfill.start();
            backfill.wake();
        }
    }

    private boolean restoreFromLastBar() {
        long waitMs = 500;
        while (running()) {
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
                counters.increment(LinkCounter.STARTED);
                return true;
            } catch (MalformedRecordException e) {
                counters.increment(TradeCounter.RESTORE_MALFORMED);
                LOG.error("[{}] last entry of {} is unreadable ({}); CVD starts at 0", name, barsKey, e.getMessage());
                return true;
            } catch (StoreUnavailableException e) {
                counters.increment(TradeCounter.RESTORE_WAITS);
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
            counters.increment(FrameCounter.OTHER_SYMBOL);
            return;
        }
        long id = frame.trade().id();
        switch (ledger.observe(id, frame.trade().tradeTime(), true)) {
            case DUPLICATE -> {
                counters.increment(FrameCounter.DUPLICATES);
                return;
            }
            case GAP -> {
                counters.increment(TradeCounter.GAPS);
                counters.add(TradeCounter.MISSING_IDS, ledger.lastGapSize());
                LOG.warn("[{}] aggregate trade id gap: {} id(s) missing before {}", name, ledger.lastGapSize(), id);
                wakeBackfill();
            }
            default -> {}
        }
        counters.increment(TradeCounter.TRADES);
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
                counters.increment(TradeCounter.LATE_TRADES);
                LOG.info(
                        "[{}] trade {} at {} belongs to a published minute; the bar will be re-published",
                        name,
                        trade.id(),
                        trade.tradeTime());
            }
            case TOO_OLD -> {
                counters.increment(TradeCounter.TOO_OLD_TRADES);
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
                    counters.increment(BackfillCounter.BACKFILLED);
                    add(trade);
                }
                ledger.settled(fromId, lastReturned, exhausted);
                counters.increment(BackfillCounter.BACKFILL_PAGES);
                publishDue(clock.getAsLong());
            }
        }
    }

    @Override
    protected synchronized void onTick(long now) {
        applyLinkEvents();
        long givenUp = ledger.forgetBefore(now - MinuteBarAggregator.DEFAULT_RETAINED_MINUTES * Bar.MINUTE_MS);
        if (givenUp > 0) {
            counters.add(TradeCounter.MISSING_GIVEN_UP, givenUp);
            LOG.warn("[{}] gave up on {} missing id(s): their minutes are no longer held", name, givenUp);
        }
        publishDue(now);
        prices.poll(now).ifPresent(this::writePrice);
    }

    private void writeBar(Bar bar) {
        counters.increment(TradeCounter.BARS);
        if (bar.revision() > 0) {
            counters.increment(TradeCounter.REVISIONS);
        }
        if (!bar.complete()) {
            counters.increment(TradeCounter.INCOMPLETE_BARS);
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
        counters.increment(TradeCounter.PRICES);
        writer.write(priceKey, PriceTickCodec.INSTANCE.encode(tick));
    }

    /** Whether ids are still missing or unverified (tests wait for the backfill to settle). */
    public synchronized boolean backfillPending() {
        applyLinkEvents();
        return ledger.nextFetchFrom().isPresent();
    }

    /** Drops the venue connection (operator action, tests); the loop reconnects. */
    public void dropConnection() {
        loop.dropConnection();
    }

    @Override
    protected void closing() {
        // The bar in progress is not closed early; what is owed to Redis gets its last chance when the writer closes.
        if (backfill != null) {
            backfill.close();
        }
    }
}
