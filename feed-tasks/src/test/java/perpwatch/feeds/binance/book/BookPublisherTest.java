package perpwatch.feeds.binance.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static perpwatch.feeds.binance.book.BookTestData.diff;
import static perpwatch.feeds.binance.book.BookTestData.levels;
import static perpwatch.feeds.binance.book.BookTestData.snapshot;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import perpwatch.core.config.Env;
import perpwatch.core.model.BookTop;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.throttle.ChangeThrottle.Reason;
import perpwatch.feeds.throttle.ChangeThrottle.Release;

/** The book's publication cadence, ticked by hand on a real synchroniser: on change ≤ 10/s, keepalive each second. */
class BookPublisherTest {
    private final BookSynchronizer sync =
            new BookSynchronizer("test", "SOLUSDT", new OrderBook(5_000, 10), 100, new FeedCounters());
    private final BookPublisher publisher = new BookPublisher(BookSettings.defaults());
    private long lastId = 100;

    private void syncBook() {
        sync.onUpdate(diff(95, 100, 90, levels("150:10"), List.of()));
        sync.onSnapshot(snapshot(98, levels("150:10", "100:5"), levels("150.1:10", "200:5")));
        assertEquals(BookSynchronizer.State.SYNCED, sync.state());
    }

    /** The next chained diff; {@code ts} = its last id × 10 − 2 (see {@link BookTestData#diff}). */
    private void apply(String bid, String ask) {
        long first = lastId + 1;
        lastId += 10;
        sync.onUpdate(diff(
                first,
                lastId,
                first - 1,
                bid == null ? List.of() : levels(bid),
                ask == null ? List.of() : levels(ask)));
    }

    private Optional<Release<BookTop>> tick(long nowMs) {
        return publisher.next(sync, nowMs);
    }

    @Test
    void aBurstOfDiffsWithinTheIntervalPublishesOnceThenTheNewest() {
        syncBook();
        Release<BookTop> first = tick(1_000).orElseThrow();
        assertEquals(Reason.CHANGED, first.reason());
        apply("150:11", null);
        assertTrue(tick(1_025).isEmpty(), "25 ms after the last entry");
        apply("150:12", null);
        assertTrue(tick(1_050).isEmpty());
        apply("150:13", null);
        assertTrue(tick(1_075).isEmpty());
        Release<BookTop> burst = tick(1_100).orElseThrow();
        assertEquals(Reason.CHANGED, burst.reason());
        assertEquals(0, new BigDecimal("13").compareTo(burst.value().bidQty()), "the newest of the burst");
        assertEquals(lastId * 10 - 2, burst.value().ts());
        assertTrue(tick(1_125).isEmpty());
    }

    @Test
    void aChangeAfterTheIntervalPublishesAgainAtOnce() {
        syncBook();
        tick(1_000).orElseThrow();
        apply(null, "150.1:3");
        assertEquals(Reason.CHANGED, tick(1_100).orElseThrow().reason());
        apply("150.05:1", null);
        Release<BookTop> next = tick(1_200).orElseThrow();
        assertEquals(0, new BigDecimal("150.05").compareTo(next.value().bidPrice()));
    }

    @Test
    void anUnchangedViewIsPublishedAgainOnlyAsAKeepaliveEachSecond() {
        syncBook();
        tick(1_000).orElseThrow();
        // Diffs keep coming, but only far outside the 10 bps band: the published view holds still.
        for (long now = 1_100; now < 2_000; now += 100) {
            apply("100:" + (now / 100), null);
            assertTrue(tick(now).isEmpty(), "unchanged view at " + now);
        }
        Release<BookTop> keepalive = tick(2_000).orElseThrow();
        assertEquals(Reason.KEEPALIVE, keepalive.reason());
        assertEquals(lastId * 10 - 2, keepalive.value().ts(), "carries the newest diff's time: the book is fresh");
        assertTrue(tick(2_100).isEmpty());
    }

    @Test
    void noKeepaliveWithoutADiffNorWhileOutOfSync() {
        syncBook();
        tick(1_000).orElseThrow();
        assertTrue(tick(2_000).isEmpty(), "nothing heard since the last entry: nothing to vouch for");
        assertTrue(tick(9_000).isEmpty());

        apply("100:7", null);
        assertTrue(tick(9_010).isPresent(), "a diff arrived: keepalive due");
        apply("100:8", null);
        sync.reset("disconnected");
        assertTrue(tick(10_500).isEmpty(), "out of sync: nothing is published");
        syncBook();
        assertTrue(tick(10_600).isPresent(), "back in sync after more than a second: published at once");
    }

    @Test
    void theCadenceIsReadFromTheEnvironment() {
        BookSettings d = BookSettings.fromEnv(Env.of(java.util.Map.of()));
        assertEquals(Duration.ofMillis(100), d.minPublishInterval());
        assertEquals(Duration.ofSeconds(1), d.keepaliveInterval());
        BookSettings s = BookSettings.fromEnv(Env.of(java.util.Map.of(
                "PERPWATCH_BOOK_MIN_PUBLISH_INTERVAL", "250ms", "PERPWATCH_BOOK_KEEPALIVE_INTERVAL", "2s")));
        assertEquals(Duration.ofMillis(250), s.minPublishInterval());
        assertEquals(Duration.ofSeconds(2), s.keepaliveInterval());
        assertThrows(
                IllegalArgumentException.class,
                () -> BookSettings.fromEnv(Env.of(java.util.Map.of(
                        "PERPWATCH_BOOK_MIN_PUBLISH_INTERVAL", "2s", "PERPWATCH_BOOK_KEEPALIVE_INTERVAL", "1s"))));
    }
}
