package perpwatch.feeds.binance.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static perpwatch.feeds.binance.book.BookTestData.levels;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import perpwatch.core.model.BookTop;

class OrderBookTest {

    @Test
    void levelsAreSetReplacedAndRemovedWithBestOnTop() throws Exception {
        OrderBook book = new OrderBook(100, 10);
        book.apply(levels("99.98:1", "100.00:2", "99.99:3"), levels("100.03:4", "100.01:5", "100.02:6"));
        assertEquals(3, book.levels(true));
        BookTop top = book.top(7, 8);
        assertEquals(
                new BigDecimal("100.00"), top.bidPrice().stripTrailingZeros().setScale(2));
        assertEquals(0, new BigDecimal("2").compareTo(top.bidQty()));
        assertEquals(0, new BigDecimal("100.01").compareTo(top.askPrice()));
        assertEquals(0, new BigDecimal("5").compareTo(top.askQty()));
        assertEquals(7, top.ts());
        assertEquals(8, top.recvTime());

        // The best bid goes, an unknown level is "removed" (normal on Binance), the best ask's size changes.
        book.apply(levels("100.00:0", "50:0"), levels("100.01:0.5"));
        top = book.top(0, 0);
        assertEquals(0, new BigDecimal("99.99").compareTo(top.bidPrice()));
        assertEquals(0, new BigDecimal("3").compareTo(top.bidQty()));
        assertEquals(0, new BigDecimal("0.5").compareTo(top.askQty()));
        assertEquals(2, book.levels(true));
        assertEquals(3, book.levels(false));
    }

    @Test
    void spreadAndDepthAreExactAndTheBandEdgeCounts() throws Exception {
        OrderBook book = new OrderBook(100, 10);
        // mid = 100; band = [99.9, 100.1]: levels exactly at the edges count, one tick beyond does not.
        book.apply(levels("99.99:1.5", "99.9:2", "99.89:1000"), levels("100.01:0.25", "100.1:3", "100.11:1000"));
        BookTop top = book.top(0, 0);
        assertEquals(new BigDecimal("2.0000"), top.spreadBps());
        assertEquals(0, new BigDecimal("349.785").compareTo(top.depthBidUsd())); // 99.99·1.5 + 99.9·2
        assertEquals(0, new BigDecimal("325.3025").compareTo(top.depthAskUsd())); // 100.01·0.25 + 100.1·3
    }

    @Test
    void depthSumsBeyondSixtyFourBitsStayExact() throws Exception {
        OrderBook book = new OrderBook(100, 10);
        // 99999.99999999 × 10^9 (in units: ~10^13 × 10^17) overflows a long many times over.
        book.apply(levels("99999.99999999:1000000000", "99999.99999998:1000000000"), levels("100000.00000001:1"));
        BookTop top = book.top(0, 0);
        assertEquals(0, new BigDecimal("199999999999970").compareTo(top.depthBidUsd()));
    }

    @Test
    void crossedAndOneSidedBooksAreNotPublishable() throws Exception {
        OrderBook book = new OrderBook(100, 10);
        assertEquals(OrderBook.Health.EMPTY, book.health());
        book.apply(levels("10:1"), List.of());
        assertEquals(OrderBook.Health.EMPTY, book.health());
        book.apply(List.of(), levels("10:1"));
        assertEquals(OrderBook.Health.CROSSED, book.health());
        assertThrows(IllegalStateException.class, () -> book.top(0, 0));
        book.apply(List.of(), levels("10:0", "10.5:1"));
        assertEquals(OrderBook.Health.OK, book.health());
    }

    @Test
    void aDiffTheBookCannotHoldExactlyChangesNothing() throws Exception {
        OrderBook book = new OrderBook(100, 10);
        book.apply(levels("10:1"), levels("11:1"));
        assertThrows(
                FixedPoint.UnrepresentableLevelException.class,
                () -> book.apply(levels("10:5"), levels("11.000000001:1")));
        assertThrows(
                FixedPoint.UnrepresentableLevelException.class, () -> book.apply(levels("10:5"), levels("1000001:1")));
        assertEquals(0, BigDecimal.ONE.compareTo(book.top(0, 0).bidQty()));
        assertEquals(1, book.levels(false));
    }

    @Test
    void aFullSideDropsTheLevelsFurthestFromTheTop() throws Exception {
        OrderBook book = new OrderBook(3, 10);
        book.apply(levels("1:1", "2:1", "3:1"), levels("4:1", "5:1", "6:1"));
        book.apply(levels("2.5:1", "0.5:1"), levels("3.5:1", "7:1"));
        assertEquals(3, book.levels(true));
        assertEquals(3, book.levels(false));
        assertEquals(4, book.trimmedLevels());
        // Bids left: 3, 2.5, 2 (1 and 0.5 gave way); asks: 3.5, 4, 5.
        book.apply(levels("3:0", "2.5:0"), levels("3.5:0", "4:0"));
        BookTop top = book.top(0, 0);
        assertEquals(0, new BigDecimal("2").compareTo(top.bidPrice()));
        assertEquals(0, new BigDecimal("5").compareTo(top.askPrice()));
    }

    @Test
    void aSnapshotReplacesTheBook() throws Exception {
        OrderBook book = new OrderBook(100, 10);
        book.apply(levels("1:1"), levels("9:1"));
        book.load(BookTestData.snapshot(5, levels("2:1"), levels("3:1")));
        assertEquals(1, book.levels(true));
        assertEquals(0, new BigDecimal("2").compareTo(book.top(0, 0).bidPrice()));
    }
}
