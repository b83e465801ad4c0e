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
import perpwatch.core.instrument.Venue;
import perpwatch.core.model.BookTop;
import perpwatch.core.model.BookTopCodec;
import perpwatch.core.redis.BufferedStreamWriter;
import perpwatch.core.stream.FeedLink;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.stream.StreamKeys;
import perpwatch.feeds.FeedTask;
import perpwatch.feeds.binance.BinanceEndpoints;
import perpwatch.feeds.binance.BinanceFrame;
import perpwatch.feeds.concurrent.DaemonThreads;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.metrics.LogSampler;
import perpwatch.feeds.parse.MalformedFrameException;
import perpwatch.feeds.subscription.SubscribedLinks;
import perpwatch.feeds.subscription.SubscriptionTracker;
import perpwatch.feeds.subscription.WatchedLink;
import perpwatch.feeds.throttle.ChangeThrottle;
import perpwatch.feeds.ws.ReconnectPolicy;
import perpwatch.feeds.ws.ReconnectingWebSocket;
import perpwatch.feeds.ws.WebSocketListener;
import perpwatch.feeds.ws.WebSocketSession;

/**
 * {@code binance-book}: a local copy of the Binance USDⓈ-M book from {@code <symbol>@depth@100ms} plus REST
 * snapshots, and its top, spread and 10 bps depth on {@code market:<sym>usdt:book} when they change, at most every
 * {@link BookSettings#minPublishInterval()} (100 ms), and unchanged again as a keepalive every
 * {@link BookSettings#keepaliveInterval()} (1 s).
 *
 * <p>Why a keepalive: the guards judge the book by the age of its newest entry ({@code ts}, the venue time of the
 * last diff applied) and call it stale after 5 s. A book whose top and 10 bps depth hold still while the venue keeps
 * sending diffs further out is quiet, not stale: it is still the current, verified state, so it is re-published with
 * the newest diff's ts. A keepalive goes out only if a diff arrived since the last entry and the book is in sync:
 * with no diff at all it would re-assert a book we have not heard about, and hide a silent socket behind fresh
 * entries. (On a liquid perp the venue sends a diff every 100 ms; none for 5 s means the link is in doubt.)
 *
 * <p>Three threads meet here under this object's lock: the socket loop delivers diffs, the snapshot fetcher delivers
 * snapshots, and the ticker publishes. Redis is written by the ticker only, so a slow Redis never stalls the diff
 * stream. Every new connection starts from a new snapshot: diffs missed while disconnected are unknowable.
 */
public final class BinanceBookWorker implements FeedTask, WebSocketListener, SubscribedLinks {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceBookWorker.class);
    private static final Duration STATS_EVERY = Duration.ofMinutes(1);

    private final String name;
    private final BufferedStreamWriter writer;
    private final LongSupplier clock;
    private final StreamKey bookKey;
    private final long tickMs;
    private final BookPublisher publisher;
    private final BinanceDepthParser parser = new BinanceDepthParser();
    private final FeedCounters counters = new FeedCounters();
    private final BookSynchronizer sync;
    private final ReconnectingWebSocket socket;
    /** The stream is named in the URL, so the venue sends no ack: the first data frame on a connection is the proof. */
    private final SubscriptionTracker subscription = new SubscriptionTracker();

    private final SnapshotFetcher snapshots;
    private final ScheduledExecutorService ticker;
    private long lastStatsAt;

    public BinanceBookWorker(
            Instrument instrument,
            URI streamUri,
            DepthSnapshotClient snapshotClient,
            ReconnectPolicy policy,
            BookSettings settings,
            BufferedStreamWriter writer,
            LongSupplier clock) {
        this.name = "binance-book:" + instrument.canonical();
        this.writer = writer;
        this.clock = clock;
        this.bookKey = StreamKeys.book(instrument);
        Duration budget = bookKey.silenceBudget().orElseThrow();
        if (settings.keepaliveInterval().compareTo(budget) >= 0) {
            throw new IllegalArgumentException(
                    "keepaliveInterval " + settings.keepaliveInterval() + " must be shorter than the " + bookKey
                            + " silence budget " + budget + ", or a quiet book reads as stale");
        }
        this.publisher = new BookPublisher(settings);
        // A quarter of the interval: a change waits at most that long past its slot, so a busy book gets 8-10 entries
        // a second at the default 100 ms. A tick with nothing new costs a lock and a flag check.
        this.tickMs = Math.max(10, Math.min(100, settings.minPublishInterval().toMillis() / 4));
        this.sync = new BookSynchronizer(
                name,
                instrument.symbol(Venue.BINANCE),
                new OrderBook(settings.maxLevelsPerSide(), settings.depthBandBps()),
                settings.bufferCapacity(),
                counters);
        this.socket = new ReconnectingWebSocket(name, streamUri, policy, this);
        this.snapshots = new SnapshotFetcher(
                name,
                snapshotClient,
                this::needsSnapshot,
                this::onSnapshot,
                settings.snapshotBackoff(),
                settings.minSnapshotInterval(),
                counters);
        this.ticker = DaemonThreads.singleScheduler(name + "-tick");
    }

    /** The production wiring: endpoints and book settings from config. */
    public static BinanceBookWorker create(
            Instrument instrument,
            BinanceEndpoints endpoints,
            ReconnectPolicy policy,
            BookSettings settings,
            BufferedStreamWriter writer) {
        return new BinanceBookWorker(
                instrument,
                endpoints.depthStream(instrument),
                new DepthSnapshotClient(endpoints.depthSnapshot(instrument), settings.snapshotTimeout()),
                policy,
                settings,
                writer,
                System::currentTimeMillis);
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
        ticker.scheduleWithFixedDelay(this::tickSafely, tickMs, tickMs, TimeUnit.MILLISECONDS);
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
        Optional<ChangeThrottle.Release<BookTop>> release;
        synchronized (this) {
            release = publisher.next(sync, now);
        }
        release.ifPresent(this::publish);
        writer.flush();
        if (now - lastStatsAt >= STATS_EVERY.toMillis()) {
            lastStatsAt = now;
            LOG.info("[{}] {} {} redis_backlog={}", name, counters.snapshot(), socket.stats(), writer.backlog());
        }
    }

    private void publish(ChangeThrottle.Release<BookTop> release) {
        counters.increment("published");
        if (release.reason() == ChangeThrottle.Reason.KEEPALIVE) {
            counters.increment("published_keepalive");
        }
        writer.write(bookKey, BookTopCodec.INSTANCE.encode(release.value()));
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
