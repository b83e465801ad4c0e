package perpwatch.feeds.binance.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static perpwatch.feeds.binance.book.BookTestData.levels;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
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

    @Test
    void theBandEdgeIsExactWhenMidFallsBetweenUnits() throws Exception {
        // B = 100, A = 100.00000001: mid = 100.000000005, so the bid edge is 99.900000004995 and the ask edge
        // 100.100000005005. The first whole unit inside each edge counts, the one outside does not.
        OrderBook book = new OrderBook(100, 10);
        book.apply(
                levels("100:1", "99.90000001:2", "99.9:1000"),
                levels("100.00000001:1", "100.1:3", "100.10000001:1000"));
        BookTop top = book.top(0, 0);
        assertEquals(
                0, new BigDecimal("100").add(new BigDecimal("199.80000002")).compareTo(top.depthBidUsd()));
        assertEquals(
                0, new BigDecimal("100.00000001").add(new BigDecimal("300.3")).compareTo(top.depthAskUsd()));
        assertEquals(16, top.depthBidUsd().scale(), "notionals keep the units' 16 decimals");
    }

    @Test
    void anEmptySideHasNoTopAndAFullBandCountsEveryLevel() throws Exception {
        OrderBook book = new OrderBook(100, 10);
        book.apply(List.of(), levels("10:1"));
        assertEquals(OrderBook.Health.EMPTY, book.health());
        assertThrows(IllegalStateException.class, () -> book.top(0, 0));
        // Band 0 bps: only levels at mid itself would count; with a spread none do, and the sums are zero.
        OrderBook tight = new OrderBook(100, 0);
        tight.apply(levels("9:1", "8:1"), levels("10:1"));
        BookTop top = tight.top(0, 0);
        assertEquals(0, BigDecimal.ZERO.compareTo(top.depthBidUsd()));
        assertEquals(0, BigDecimal.ZERO.compareTo(top.depthAskUsd()));
    }

    @Test
    void topAgreesWithBigDecimalArithmeticOnRandomBooks() throws Exception {
        // The reference is the textbook computation in BigDecimal (what the peers bench checks XChange against):
        // mid = (B + A)/2, bids ≥ mid·(1 − band), asks ≤ mid·(1 + band), spread rounded half-even to 4 decimals.
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 2_000; n++) {
            int band = random.nextInt(3) == 0 ? 10 : random.nextInt(200);
            OrderBook book = new OrderBook(1_000, band);
            long tick = 1 + random.nextInt(3) * 999_999L; // 1 unit, or about 0.01
            long bestBid = 1 + random.nextLong(OrderBook.MAX_PRICE_UNITS / 2);
            long bestAsk = bestBid + tick * (1 + random.nextInt(3));
            TreeMap<Long, Long> bids = new TreeMap<>();
            TreeMap<Long, Long> asks = new TreeMap<>();
            for (int i = 0; i < 60; i++) {
                bids.put(
                        Math.max(1, bestBid - tick * random.nextInt(400)),
                        1 + random.nextLong(OrderBook.MAX_QTY_UNITS));
                asks.put(
                        Math.min(OrderBook.MAX_PRICE_UNITS, bestAsk + tick * random.nextInt(400)),
                        1 + random.nextLong(1_000_000_000_000L));
            }
            bids.put(bestBid, 1L);
            asks.put(bestAsk, 1L);
            bids.forEach((p, q) -> book.set(true, p, q));
            asks.forEach((p, q) -> book.set(false, p, q));

            BookTop top = book.top(0, 0);
            BigDecimal b = dec(bestBid);
            BigDecimal a = dec(bestAsk);
            BigDecimal mid = b.add(a).divide(BigDecimal.valueOf(2));
            BigDecimal bandFraction = BigDecimal.valueOf(band).movePointLeft(4);
            BigDecimal low = mid.multiply(BigDecimal.ONE.subtract(bandFraction));
            BigDecimal high = mid.multiply(BigDecimal.ONE.add(bandFraction));
            BigDecimal depthBid = BigDecimal.ZERO;
            for (var e : bids.entrySet()) {
                if (dec(e.getKey()).compareTo(low) >= 0) {
                    depthBid = depthBid.add(dec(e.getKey()).multiply(dec(e.getValue())));
                }
            }
            BigDecimal depthAsk = BigDecimal.ZERO;
            for (var e : asks.entrySet()) {
                if (dec(e.getKey()).compareTo(high) <= 0) {
                    depthAsk = depthAsk.add(dec(e.getKey()).multiply(dec(e.getValue())));
                }
            }
            BigDecimal spread =
                    a.subtract(b).multiply(BigDecimal.valueOf(20_000)).divide(a.add(b), 4, RoundingMode.HALF_EVEN);
            assertEquals(0, depthBid.compareTo(top.depthBidUsd()), "bids, case " + n);
            assertEquals(0, depthAsk.compareTo(top.depthAskUsd()), "asks, case " + n);
            assertEquals(spread, top.spreadBps(), "spread, case " + n);
        }
    }

    @Test
    void theSpreadIsRoundedHalfEvenInLongsAndFallsBackBeyondThem() {
        // (A − B)·2·10⁸ / (A + B), as units: exact ties go to the even neighbour, like BigDecimal's HALF_EVEN.
        SplittableRandom random = new SplittableRandom(11);
        long[][] cases = {
            {1, 3}, // 5000 bps exactly
            {3, 5}, // 2500
            {199_999_999_999L, 200_000_000_001L}, // a tiny spread
            {1, OrderBook.MAX_PRICE_UNITS}, // a gap beyond the long path: the BigDecimal division
            {50_000_000_000L, 50_000_000_000L + Long.MAX_VALUE / 200_000_000L}, // the last gap in longs
            {50_000_000_000L, 50_000_000_001L + Long.MAX_VALUE / 200_000_000L} // the first beyond
        };
        for (long[] c : cases) {
            assertEquals(referenceSpread(c[0], c[1]), OrderBook.spreadBps(c[0], c[1]), c[0] + " / " + c[1]);
        }
        // Exact ties: with A + B = 2048 and A − B = 2·odd, (A − B)·2·10⁸ / (A + B) ends in exactly .5.
        assertEquals(new BigDecimal("19.5312"), OrderBook.spreadBps(1023, 1025), "195312.5 → even, stays");
        assertEquals(new BigDecimal("58.5938"), OrderBook.spreadBps(1021, 1027), "585937.5 → odd, goes up");
        for (int n = 0; n < 200_000; n++) {
            long bid = 1 + random.nextLong(1_000_000);
            long ask = bid + 1 + random.nextLong(1_000);
            assertEquals(referenceSpread(bid, ask), OrderBook.spreadBps(bid, ask), bid + " / " + ask);
        }
    }

    @Test
    void oneHundredTwentyEightBitSumsBecomeExactDecimals() {
        long[][] cases = {
            {0, 0}, {0, 1}, {0, Long.MAX_VALUE}, {0, -1}, {0, Long.MIN_VALUE}, {1, 0}, {5, -7}, {Long.MAX_VALUE, -1}
        };
        for (long[] c : cases) {
            BigInteger expected =
                    BigInteger.valueOf(c[0]).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(c[1])));
            assertEquals(new BigDecimal(expected, 16), FixedPoint.toDecimal(c[0], c[1], 16), c[0] + ", " + c[1]);
        }
    }

    private static BigDecimal referenceSpread(long bid, long ask) {
        return BigDecimal.valueOf(ask - bid)
                .multiply(BigDecimal.valueOf(20_000))
                .divide(BigDecimal.valueOf(bid + ask), 4, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal dec(long units) {
        return BigDecimal.valueOf(units, OrderBook.SCALE);
    }
}
