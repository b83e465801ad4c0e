package perpwatch.feeds.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static perpwatch.feeds.velocity.Fixtures.accepted;
import static perpwatch.feeds.velocity.Fixtures.read;
import static perpwatch.feeds.velocity.Fixtures.rejection;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import perpwatch.core.model.BookTop;

class VelocityDlobBookCheckTest {
    private final DlobL2Answer answer = new DlobL2Answer();

    @Test
    void theRecordedBookGivesTopSpreadAndDepthOverCountedLiquidityOnly() {
        DlobBookCheck check = new DlobBookCheck(10);
        BookTop top = accepted(check.accept(accepted(answer.parse(200, read("dlob_l2_SOL-PERP.json"))), 99));
        assertEquals(0, new BigDecimal("149.988").compareTo(top.bidPrice()));
        assertEquals(0, new BigDecimal("8.1").compareTo(top.bidQty()));
        assertEquals(0, new BigDecimal("150.034").compareTo(top.askPrice()));
        assertEquals(0, new BigDecimal("7.5").compareTo(top.askQty()));
        assertEquals(new BigDecimal("3.0664"), top.spreadBps());
        // Within 10 bps of mid 150.011: bids >= 149.860989 (the prop-AMM and indicative size excluded),
        // asks <= 150.161011.
        assertEquals(0, new BigDecimal("4332.4788").compareTo(top.depthBidUsd()));
        assertEquals(0, new BigDecimal("5808.2374").compareTo(top.depthAskUsd()));
        assertEquals(1_796_518_800_412L, top.ts());
        assertEquals(99, top.recvTime());
        assertEquals(318_204_120L, check.lastSlot());
    }

    @Test
    void anEmptyBookIsRefused() {
        DlobBookCheck check = new DlobBookCheck(10);
        assertEquals(
                Rejection.EMPTY_BOOK,
                rejection(check.accept(accepted(answer.parse(200, read("dlob_l2_SOL-PERP_cache_miss.json"))), 1)));
        // One side of prop-AMM quotes only is empty too: nothing counted.
        assertEquals(
                Rejection.EMPTY_BOOK,
                rejection(new DlobBookCheck(10).accept(book(11, level("150", "1", 0), level("151", "1", 1)), 1)));
    }

    @Test
    void aCrossedBookIsRefused() {
        DlobBookCheck check = new DlobBookCheck(10);
        assertEquals(
                Rejection.CROSSED_BOOK,
                rejection(check.accept(book(10, level("150.01", "1", 1), level("150.00", "1", 1)), 1)));
        assertEquals(
                Rejection.CROSSED_BOOK,
                rejection(check.accept(book(11, level("150.00", "1", 1), level("150.00", "1", 1)), 1)));
        // Crossed only by an uncounted prop-AMM quote: the counted book is fine.
        DlobBook propAmmCrosses = new DlobBook(
                "SOL-PERP",
                0,
                12,
                0,
                List.of(level("150.03", "1", 0), level("149.99", "1", 1)),
                List.of(level("150.02", "1", 1)),
                null,
                null);
        BookTop top = accepted(check.accept(propAmmCrosses, 1));
        assertEquals(0, new BigDecimal("149.99").compareTo(top.bidPrice()));
    }

    @Test
    void aSlotThatGoesBackwardsIsRefusedAndTheNextNewerOneTaken() {
        DlobBookCheck check = new DlobBookCheck(10);
        accepted(check.accept(book(100, level("149", "1", 1), level("151", "1", 1)), 1));
        accepted(check.accept(book(100, level("149", "1", 1), level("151", "1", 1)), 2));
        assertEquals(
                Rejection.SLOT_BACKWARDS,
                rejection(check.accept(book(99, level("149", "1", 1), level("151", "1", 1)), 3)));
        accepted(check.accept(book(101, level("149", "2", 1), level("151", "1", 1)), 4));
        assertEquals(101, check.lastSlot());
    }

    @Test
    void aCountedSizeFinerThanTheBookScaleIsRefusedNotRounded() {
        DlobBookCheck check = new DlobBookCheck(10);
        assertEquals(
                Rejection.UNREPRESENTABLE_LEVEL,
                rejection(check.accept(book(5, level("149", "0.000000001", 1), level("151", "1", 1)), 1)));
    }

    /** A one-level-a-side book; {@code countedShare} 1 counts the whole size, 0 none of it. */
    private static DlobBook book(long slot, BookLevel bid, BookLevel ask) {
        return new DlobBook("SOL-PERP", 0, slot, 0, List.of(bid), List.of(ask), null, null);
    }

    private static BookLevel level(String price, String size, int countedShare) {
        BigDecimal s = new BigDecimal(size);
        return new BookLevel(new BigDecimal(price), s, countedShare == 1 ? s : BigDecimal.ZERO);
    }
}
