package perpwatch.feeds.binance.book;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.instrument.Venue;
import perpwatch.core.model.BookTop;
import perpwatch.core.model.BookTopCodec;
import perpwatch.core.redis.BufferedStreamWriter;
import perpwatch.core.stream.FeedLink;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.stream.StreamKeys;
import perpwatch.feeds.binance.BinanceEndpoints;
import perpwatch.feeds.binance.BinanceFrame;
import perpwatch.feeds.binance.BinanceUrlStream;
import perpwatch.feeds.metrics.BookCounter;
import perpwatch.feeds.metrics.LinkCounter;
import perpwatch.feeds.task.FeedLoop;
import perpwatch.feeds.task.StreamingFeedTask;
import perpwatch.feeds.throttle.ChangeThrottle;
import perpwatch.feeds.ws.Disconnect;
import perpwatch.feeds.ws.ReconnectPolicy;

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
public final class BinanceBookWorker extends StreamingFeedTask {
    private final StreamKey bookKey;
    private final BookPublisher publisher;
    private final BookSynchronizer sync;
    private final FeedLoop<BinanceFrame> loop;
    private final SnapshotFetcher snapshots;

    public BinanceBookWorker(
            Instrument instrument,
            URI streamUri,
            DepthSnapshotClient snapshotClient,
            ReconnectPolicy policy,
            BookSettings settings,
            BufferedStreamWriter writer,
            LongSupplier clock) {
        super("binance-book:" + instrument.canonical(), writer, clock, tickEvery(settings));
        this.bookKey = StreamKeys.book(instrument);
        Duration budget = bookKey.silenceBudget().orElseThrow();
        if (settings.keepaliveInterval().compareTo(budget) >= 0) {
            throw new IllegalArgumentException(
                    "keepaliveInterval " + settings.keepaliveInterval() + " must be shorter than the " + bookKey
                            + " silence budget " + budget + ", or a quiet book reads as stale");
        }
        this.publisher = new BookPublisher(settings);
        this.sync = new BookSynchronizer(
                name,
                instrument.symbol(Venue.BINANCE),
                new OrderBook(settings.maxLevelsPerSide(), settings.depthBandBps()),
                settings.bufferCapacity(),
                counters);
        this.loop = connect(new FeedLink("binance-book", "binance"), streamUri, policy, new DepthDiffs());
        this.snapshots = new SnapshotFetcher(
                name,
                snapshotClient,
                this::needsSnapshot,
                this::onSnapshot,
                settings.snapshotBackoff(),
                settings.minSnapshotInterval(),
                counters);
    }

    /**
     * A quarter of the publish interval: a change waits at most that long past its slot, so a busy book gets 8-10
     * entries a second at the default 100 ms. A tick with nothing new costs a lock and a flag check.
     */
    private static Duration tickEvery(BookSettings settings) {
        return Duration.ofMillis(
                Math.max(10, Math.min(100, settings.minPublishInterval().toMillis() / 4)));
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

    /**
     * The stream is named in the URL (/public/ws/<symbol>@depth@100ms): nothing to subscribe, the first diff is the
     * ack. The book was already reset when the previous connection ended, and the first connection starts empty.
     */
    private final class DepthDiffs extends BinanceUrlStream<BinanceFrame.DepthDiff> {
        DepthDiffs() {
            super(BinanceFrame.DepthDiff.class, new BinanceDepthParser()::parseFrame, counters);
        }

        @Override
        protected void onEvent(BinanceFrame.DepthDiff diff) {
            synchronized (BinanceBookWorker.this) {
                sync.onUpdate(diff.update());
            }
        }

        @Override
        public void disconnected(Disconnect disconnect) {
            synchronized (BinanceBookWorker.this) {
                // Stop publishing at once: without the socket the book is already out of date.
                sync.reset("disconnected: " + disconnect.description());
            }
        }
    }

    @Override
    protected void started() {
        counters.increment(LinkCounter.STARTED);
        snapshots.start();
    }

    private synchronized boolean needsSnapshot() {
        return sync.needsSnapshot();
    }

    private synchronized void onSnapshot(DepthSnapshot snapshot) {
        sync.onSnapshot(snapshot);
    }

    /** Not under the lock while writing: Redis is written by the ticker only, so a slow Redis never stalls diffs. */
    @Override
    protected void onTick(long now) {
        Optional<ChangeThrottle.Release<BookTop>> release;
        synchronized (this) {
            release = publisher.next(sync, now);
        }
        release.ifPresent(this::publish);
    }

    private void publish(ChangeThrottle.Release<BookTop> release) {
        counters.increment(BookCounter.PUBLISHED);
        if (release.reason() == ChangeThrottle.Reason.KEEPALIVE) {
            counters.increment(BookCounter.PUBLISHED_KEEPALIVE);
        }
        writer.write(bookKey, BookTopCodec.INSTANCE.encode(release.value()));
    }

    /** Drops the venue connection (operator action, tests); the loop reconnects and the book resyncs. */
    public void dropConnection() {
        loop.dropConnection();
    }

    @Override
    protected void describe(Map<String, Long> all) {
        super.describe(all);
        synchronized (this) {
            all.put("in_sync", sync.state() == BookSynchronizer.State.SYNCED ? 1L : 0L);
            all.put("buffered", (long) sync.buffered());
            all.put("book_bid_levels", (long) sync.book().levels(true));
            all.put("book_ask_levels", (long) sync.book().levels(false));
            all.put("book_trimmed_levels", sync.book().trimmedLevels());
        }
    }

    @Override
    protected void closing() {
        snapshots.close();
    }
}
