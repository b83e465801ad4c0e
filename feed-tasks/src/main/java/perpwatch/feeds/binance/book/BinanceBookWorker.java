package perpwatch.feeds.binance.book;

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
import perpwatch.core.instrument.Instrument;
import perpwatch.core.model.BookTop;
import perpwatch.core.model.BookTopCodec;
import perpwatch.core.redis.BufferedStreamWriter;
import perpwatch.core.stream.FeedLink;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.stream.StreamKeys;
import perpwatch.feeds.FeedTask;
import perpwatch.feeds.concurrent.DaemonThreads;
import perpwatch.feeds.binance.BinanceEndpoints;
import perpwatch.feeds.binance.BinanceFrame;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.metrics.LogSampler;
import perpwatch.feeds.parse.MalformedFrameException;
import perpwatch.feeds.subscription.SubscribedLinks;
import perpwatch.feeds.subscription.SubscriptionTracker;
import perpwatch.feeds.subscription.WatchedLink;
import perpwatch.feeds.ws.ReconnectPolicy;
import perpwatch.feeds.ws.ReconnectingWebSocket;
import perpwatch.feeds.ws.WebSocketListener;
import perpwatch.feeds.ws.WebSocketSession;

/**
 * {@code binance-book}: a local copy of the Binance USDⓈ-M book from {@code <symbol>@depth@100ms} plus REST
 * snapshots, and at most once a second its top, spread and 10 bps depth on {@code market:<sym>usdt:book}.
 *
 * <p>Three threads meet here under this object's lock: the socket loop delivers diffs, the snapshot fetcher delivers
 * snapshots, and the ticker publishes. Redis is written by the ticker only, so a slow Redis never stalls the diff
 * stream. Every new connection starts from a new snapshot: diffs missed while disconnected are unknowable.
 */
public final class BinanceBookWorker implements FeedTask, WebSocketListener, SubscribedLinks {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceBookWorker.class);
    private static final long TICK_MS = 100;
    private static final Duration STATS_EVERY = Duration.ofMinutes(1);

    private final String name;
    private final BufferedStreamWriter writer;
    private final LongSupplier clock;
    private final StreamKey bookKey;
    private final long publishIntervalMs;
    private final BinanceDepthParser parser = new BinanceDepthParser();
    private final FeedCounters counters = new FeedCounters();
    private final BookSynchronizer sync;
    private final ReconnectingWebSocket socket;
    /** The stream is named in the URL, so the venue sends no ack: the first data frame on a connection is the proof. */
    private final SubscriptionTracker subscription = new SubscriptionTracker();
    private final SnapshotFetcher snapshots;
    private final ScheduledExecutorService ticker;
    private long lastPublishAt = Long.MIN_VALUE / 2;
    private long lastStatsAt;

    public BinanceBookWorker(Instrument instrument, URI streamUri, DepthSnapshotClient snapshotClient, ReconnectPolicy policy,
                             BookSettings settings, BufferedStreamWriter writer, LongSupplier clock) {
        this.name = "binance-book:" + instrument.canonical();
        this.writer = writer;
        this.clock = clock;
        this.bookKey = StreamKeys.book(instrument);
        this.publishIntervalMs = settings.publishInterval().toMillis();
        this.sync = new BookSynchronizer(name, instrument.binance(),
                new OrderBook(settings.maxLevelsPerSide(), settings.depthBandBps()), settings.bufferCapacity(), counters);
        this.socket = new ReconnectingWebSocket(name, streamUri, policy, this);
        this.snapshots = new SnapshotFetcher(name, snapshotClient, this::needsSnapshot, this::onSnapshot,
                settings.snapshotBackoff(), settings.minSnapshotInterval(), counters);
        this.ticker = DaemonThreads.singleScheduler(name + "-tick");
    }

    /** The production wiring: endpoints from config, default book settings. */
    public static BinanceBookWorker create(Instrument instrument, BinanceEndpoints endpoints, ReconnectPolicy policy,
                                           BufferedStreamWriter writer) {
        BookSettings settings = BookSettings.defaults();
        return new BinanceBookWorker(instrument, endpoints.depthStream(instrument),
                new DepthSnapshotClient(endpoints.depthSnapshot(instrument), settings.snapshotTimeout()),
                policy, settings, writer, System::currentTimeMillis);
    }

    @Override
    public List<WatchedLink> links() {
        return List.of(new WatchedLink(new FeedLink("binance-book", "binance"), subscription, socket::lastHeardAt));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start() {
        lastStatsAt = clock.getAsLong();
        counters.increment("started");
        ticker.scheduleWithFixedDelay(this::tickSafely, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        snapshots.start();
        socket.start();
    }

    @Override
    public void onOpen(WebSocketSession session) {
        // The stream is named in the URL (/public/ws/<symbol>@depth@100ms): nothing to subscribe. The book was
        // already reset when the previous connection ended, and the first connection starts empty.
        counters.increment("connects");
        subscription.reset();
    }

    @Override
    public void onText(String text, long recvMs) {
        counters.increment("frames");
        BinanceFrame frame;
        try {
            frame = parser.parseFrame(text, recvMs);
        } catch (MalformedFrameException e) {
            long n = counters.get("malformed") + 1;
            counters.increment("malformed");
            if (LogSampler.shouldLog(n)) {
                LOG.warn("[{}] skipped malformed frame #{} ({}): {}", name, n, e.getMessage(), abbreviate(text));
            }
            return;
        }
        if (frame instanceof BinanceFrame.DepthDiff diff) {
            if (subscription.acknowledge()) {
                LOG.info("[{}] subscribed (first data frame)", name);
            }
            synchronized (this) {
                sync.onUpdate(diff.update());
            }
        } else if (frame instanceof BinanceFrame.VenueError error) {
            counters.increment("venue_errors");
            LOG.warn("[{}] venue error {}: {}", name, error.code(), error.message());
        } else if (frame instanceof BinanceFrame.Ack ack) {
            LOG.debug("[{}] ack {}", name, ack.id());
        } else {
            counters.increment("unhandled_events");
        }
    }

    @Override
    public void onDisconnect(String reason) {
        counters.increment("disconnects");
        subscription.reset();
        synchronized (this) {
            // Stop publishing at once: without the socket the book is already out of date.
            sync.reset("disconnected: " + reason);
        }
    }

    private synchronized boolean needsSnapshot() {
        return sync.needsSnapshot();
    }

    private synchronized void onSnapshot(DepthSnapshot snapshot) {
        sync.onSnapshot(snapshot);
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.error("[{}] tick failed", name, e);
        }
    }

    void tick() {
        long now = clock.getAsLong();
        Optional<BookTop> top = Optional.empty();
        synchronized (this) {
            if (now - lastPublishAt >= publishIntervalMs) {
                top = sync.takeTop();
                if (top.isPresent()) {
                    lastPublishAt = now;
                }
            }
        }
        top.ifPresent(this::publish);
        writer.flush();
        if (now - lastStatsAt >= STATS_EVERY.toMillis()) {
            lastStatsAt = now;
            LOG.info("[{}] {} {} redis_backlog={}", name, counters.snapshot(), socket.stats(), writer.backlog());
        }
    }

    private void publish(BookTop top) {
        counters.increment("published");
        writer.write(bookKey, BookTopCodec.INSTANCE.encode(top));
    }

    /** Drops the venue connection (operator action, tests); the loop reconnects and the book resyncs. */
    public void dropConnection() {
        socket.dropConnection();
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> all = new TreeMap<>(counters.snapshot());
        socket.stats().describe(all);
        synchronized (this) {
            all.put("in_sync", sync.state() == BookSynchronizer.State.SYNCED ? 1L : 0L);
            all.put("buffered", (long) sync.buffered());
            all.put("book_bid_levels", (long) sync.book().levels(true));
            all.put("book_ask_levels", (long) sync.book().levels(false));
            all.put("book_trimmed_levels", sync.book().trimmedLevels());
        }
        writer.describe(all);
        return all;
    }

    @Override
    public void close() {
        socket.close();
        snapshots.close();
        ticker.shutdownNow();
        writer.close();
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…(" + text.length() + " chars)";
    }
}
