package perpwatch.feeds.binance.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static perpwatch.feeds.binance.book.BookTestData.diff;
import static perpwatch.feeds.binance.book.BookTestData.levels;
import static perpwatch.feeds.binance.book.BookTestData.snapshot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import perpwatch.core.model.BookTop;
import perpwatch.feeds.binance.BinanceFrame;
import perpwatch.feeds.metrics.FeedCounters;

class BookSynchronizerTest {
    private final FeedCounters counters = new FeedCounters();
    private final BinanceDepthParser parser = new BinanceDepthParser();

    private BookSynchronizer newSync(String symbol) {
        return new BookSynchronizer("test", symbol, new OrderBook(5_000, 10), 100, counters);
    }

    @Test
    void theRecordedCaptureSyncsAtFrameThreeAndKeepsThePuChainToTheEnd() throws Exception {
        BookSynchronizer sync = newSync("SUSHIUSDT");
        // The independent model: BigDecimal-keyed maps, fed by the textbook procedure on its own.
        TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
        TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
        long snapshotId = -1;
        int frame = 0;
        DepthUpdate last = null;
        for (BookTestData.TimelineEntry entry : BookTestData.timeline()) {
            if (entry.rest()) {
                DepthSnapshot snapshot = parser.parseSnapshot(entry.raw());
                assertTrue(sync.needsSnapshot(), "frame 0 arrived first, so a snapshot is wanted");
                sync.onSnapshot(snapshot);
                snapshotId = snapshot.lastUpdateId();
                snapshot.bids().forEach(l -> bids.put(l.price(), l.qty()));
                snapshot.asks().forEach(l -> asks.put(l.price(), l.qty()));
                continue;
            }
            DepthUpdate update = ((BinanceFrame.DepthDiff) parser.parseFrame(entry.raw(), entry.recvMs())).update();
            sync.onUpdate(update);
            if (frame <= 2) {
                assertTrue(update.finalUpdateId() < 600859605926L);
                assertFalse(sync.state() == BookSynchronizer.State.SYNCED, "frame " + frame + " must be dropped");
            } else if (frame == 3) {
                assertEquals(BookSynchronizer.State.SYNCED, sync.state());
                assertEquals(600859607423L, sync.lastFinalId());
                assertEquals(3, counters.get("dropped_before_snapshot"));
            }
            if (snapshotId >= 0 && update.finalUpdateId() >= snapshotId) {
                update.bids().toPriceLevels().forEach(l -> put(bids, l));
                update.asks().toPriceLevels().forEach(l -> put(asks, l));
                last = update;
            }
            frame++;
        }
        assertEquals(255, frame);
        assertEquals(600859605926L, snapshotId);
        assertEquals(252, counters.get("updates_applied"));
        assertEquals(0, counters.get("resyncs"));
        assertEquals(0, counters.get("pu_gaps"));
        assertEquals(1, counters.get("syncs"));
        assertEquals(BookSynchronizer.State.SYNCED, sync.state());

        BookTop top = sync.takeTop().orElseThrow();
        // Hand-checked against a separate Python computation of the same capture.
        assertEquals(0, new BigDecimal("7.612").compareTo(top.bidPrice()));
        assertEquals(0, new BigDecimal("303").compareTo(top.bidQty()));
        assertEquals(0, new BigDecimal("7.616").compareTo(top.askPrice()));
        assertEquals(0, new BigDecimal("267").compareTo(top.askQty()));
        assertEquals(new BigDecimal("5.2535"), top.spreadBps());
        assertEquals(0, new BigDecimal("31139.929").compareTo(top.depthBidUsd()));
        assertEquals(0, new BigDecimal("53969.027").compareTo(top.depthAskUsd()));
        assertEquals(1626992771036L, top.ts());
        assertEquals(last.transactTime(), top.ts());
        assertEquals(last.recvTime(), top.recvTime());

        // And against the independent model, every figure.
        BigDecimal bestBid = bids.firstKey();
        BigDecimal bestAsk = asks.firstKey();
        BigDecimal mid = bestBid.add(bestAsk).divide(BigDecimal.valueOf(2));
        BigDecimal low = mid.multiply(new BigDecimal("0.999"));
        BigDecimal high = mid.multiply(new BigDecimal("1.001"));
        BigDecimal depthBid = bids.entrySet().stream()
                .filter(e -> e.getKey().compareTo(low) >= 0)
                .map(e -> e.getKey().multiply(e.getValue()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal depthAsk = asks.entrySet().stream()
                .filter(e -> e.getKey().compareTo(high) <= 0)
                .map(e -> e.getKey().multiply(e.getValue()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, bestBid.compareTo(top.bidPrice()));
        assertEquals(0, bids.get(bestBid).compareTo(top.bidQty()));
        assertEquals(0, bestAsk.compareTo(top.askPrice()));
        assertEquals(0, asks.get(bestAsk).compareTo(top.askQty()));
        assertEquals(0, depthBid.compareTo(top.depthBidUsd()));
        assertEquals(0, depthAsk.compareTo(top.depthAskUsd()));
        BigDecimal spread =
                bestAsk.subtract(bestBid).divide(mid, MathContext.DECIMAL64).multiply(BigDecimal.valueOf(10_000));
        assertTrue(spread.subtract(top.spreadBps()).abs().compareTo(new BigDecimal("0.00005")) <= 0);
        assertEquals(bids.size(), sync.book().levels(true));
        assertEquals(asks.size(), sync.book().levels(false));
        assertEquals(Optional.empty(), sync.takeTop(), "nothing new since the last take");
    }

    private static void put(TreeMap<BigDecimal, BigDecimal> side, PriceLevel level) {
        if (level.qty().signum() == 0) {
            side.remove(level.price());
        } else {
            side.put(level.price(), level.qty());
        }
    }

    /** Synced at u=100 with bid 10 × 1 and ask 11 × 1. */
    private BookSynchronizer synced() {
        BookSynchronizer sync = newSync("SOLUSDT");
        sync.onUpdate(diff(95, 100, 90, levels("10:1"), List.of()));
        sync.onSnapshot(snapshot(98, levels("10:1"), levels("11:1")));
        assertEquals(BookSynchronizer.State.SYNCED, sync.state());
        return sync;
    }

    @Test
    void aPuGapResyncsFromANewSnapshotAndRecovers() {
        BookSynchronizer sync = synced();
        sync.onUpdate(diff(101, 110, 100, levels("10.5:2"), List.of()));
        assertTrue(sync.takeTop().isPresent());
        // Diffs 111..120 never arrive: pu=120 does not match u=110.
        sync.onUpdate(diff(121, 130, 120, levels("10.6:1"), List.of()));
        assertEquals(1, counters.get("pu_gaps"));
        assertEquals(1, counters.get("resyncs"));
        assertEquals(BookSynchronizer.State.BUFFERING, sync.state());
        assertTrue(sync.needsSnapshot(), "the diff that broke the chain is kept for the bridge");
        assertTrue(sync.takeTop().isEmpty(), "nothing is published while out of sync");
        sync.onUpdate(diff(131, 140, 130, List.of(), levels("10.9:4")));

        sync.onSnapshot(snapshot(135, levels("10.6:1", "10.5:2", "10:1"), levels("11:1")));
        assertEquals(BookSynchronizer.State.SYNCED, sync.state());
        assertEquals(140, sync.lastFinalId());
        assertEquals(1, counters.get("dropped_before_snapshot"));
        BookTop top = sync.takeTop().orElseThrow();
        assertEquals(0, new BigDecimal("10.6").compareTo(top.bidPrice()));
        assertEquals(0, new BigDecimal("10.9").compareTo(top.askPrice()));
        assertEquals(2, counters.get("syncs"));
    }

    @Test
    void aSnapshotOlderThanTheBufferedDiffsIsRetried() {
        BookSynchronizer sync = newSync("SOLUSDT");
        sync.onUpdate(diff(201, 210, 200, levels("10:2"), List.of()));
        sync.onUpdate(diff(211, 220, 210, levels("10:3"), List.of()));
        sync.onSnapshot(snapshot(150, levels("10:1"), levels("11:1")));
        assertEquals(1, counters.get("stale_snapshots"));
        assertEquals(BookSynchronizer.State.BUFFERING, sync.state());
        assertTrue(sync.needsSnapshot());
        assertEquals(2, sync.buffered(), "the buffered diffs wait for the next snapshot");
        assertTrue(sync.takeTop().isEmpty());

        sync.onSnapshot(snapshot(215, levels("10:2"), levels("11:1")));
        assertEquals(BookSynchronizer.State.SYNCED, sync.state());
        assertEquals(
                0, new BigDecimal("3").compareTo(sync.takeTop().orElseThrow().bidQty()));
        assertEquals(0, counters.get("resyncs"));
    }

    @Test
    void aCrossedBookIsNeverPublishedAndResyncs() {
        BookSynchronizer sync = synced();
        sync.onUpdate(diff(101, 110, 100, levels("11.5:1"), List.of()));
        assertEquals(1, counters.get("crossed_books"));
        assertEquals(1, counters.get("resyncs"));
        assertTrue(sync.takeTop().isEmpty());
        assertEquals(BookSynchronizer.State.BUFFERING, sync.state());

        // Crossed straight from the bridge (a bad snapshot) is refused the same way.
        sync.onUpdate(diff(111, 120, 110, List.of(), List.of()));
        sync.onSnapshot(snapshot(115, levels("12:1"), levels("11:1")));
        assertEquals(2, counters.get("crossed_books"));
        assertTrue(sync.takeTop().isEmpty());
    }

    @Test
    void anEmptiedSideIsNeverPublished() {
        BookSynchronizer sync = synced();
        sync.onUpdate(diff(101, 110, 100, List.of(), levels("11:0")));
        assertEquals(1, counters.get("empty_books"));
        assertTrue(sync.takeTop().isEmpty());
    }

    @Test
    void theBufferIsBoundedAndAReconnectStartsOver() {
        BookSynchronizer sync = newSync("SOLUSDT");
        for (int i = 0; i < 150; i++) {
            sync.onUpdate(diff(10L * i + 1, 10L * i + 10, 10L * i, levels("10:1"), List.of()));
        }
        assertEquals(100, sync.buffered());
        assertEquals(50, counters.get("buffer_overflows"));
        // The snapshot predates the oldest diff still held: stale, not silently bridged over the dropped ones.
        sync.onSnapshot(snapshot(300, levels("10:1"), levels("11:1")));
        assertEquals(1, counters.get("stale_snapshots"));

        sync.onSnapshot(snapshot(1000, levels("10:1"), levels("11:1")));
        assertEquals(BookSynchronizer.State.SYNCED, sync.state());
        sync.reset("test reconnect");
        assertEquals(BookSynchronizer.State.BUFFERING, sync.state());
        assertEquals(0, sync.buffered());
        assertFalse(sync.needsSnapshot(), "no snapshot until the new connection delivers a diff");
        assertTrue(sync.takeTop().isEmpty());
        assertEquals(1, counters.get("full_resyncs"));
    }

    @Test
    void aDiffWithALevelTheBookCannotHoldIsCountedAndResyncsWithoutBeingHalfApplied() throws Exception {
        BookSynchronizer sync = synced();
        String frame = "{\"e\":\"depthUpdate\",\"s\":\"SOLUSDT\",\"U\":101,\"u\":110,\"pu\":100,"
                + "\"b\":[[\"10.5\",\"2\"]],\"a\":[[\"10.75\",\"0.123456789\"]]}";
        sync.onUpdate(((BinanceFrame.DepthDiff) parser.parseFrame(frame, 0)).update());
        assertEquals(1, counters.get("unrepresentable_levels"));
        assertEquals(1, counters.get("resyncs"));
        assertEquals(1, counters.get("updates_applied"), "only the bridging diff was applied");
        assertEquals(BookSynchronizer.State.BUFFERING, sync.state());
        assertTrue(sync.takeTop().isEmpty());
        assertEquals(0, sync.book().levels(true), "the book is cleared for the next snapshot, not left half-applied");
    }

    @Test
    void otherSymbolsAreIgnored() {
        BookSynchronizer sync = newSync("BTCUSDT");
        sync.onUpdate(diff(1, 2, 0, levels("10:1"), List.of()));
        assertEquals(1, counters.get("other_symbol"));
        assertEquals(0, sync.buffered());
    }
}
