package perpwatch.feeds.velocity;

import java.util.ArrayList;
import java.util.List;
import perpwatch.core.model.BookTop;
import perpwatch.feeds.binance.book.FixedPoint;
import perpwatch.feeds.binance.book.OrderBook;
import perpwatch.feeds.binance.book.PriceLevel;

/**
 * Turns accepted DLOB books into the published book fields, the same {@link BookTop} the Binance book publishes and
 * computed by the same exact {@link OrderBook} (top, spread, USD depth within the band), over the counted liquidity
 * only (see {@link LiquiditySource}). Keeps the slot order across the HTTP and WebSocket paths: the DLOB server fails
 * over between Redis sources, and a book from an older slot than one already seen is refused, not published. An
 * empty or crossed counted book is refused too. Not thread-safe: one per feed.
 */
public final class DlobBookCheck {
    /** DLOB L2 answers stop at 100 levels a side (the server caps {@code depth}); the book holds that many. */
    private static final int MAX_LEVELS = 100;

    private final OrderBook book;
    private long lastSlot = Long.MIN_VALUE;

    /** @param bandBps the depth band around mid, 10 for "depth within 10 bps" */
    public DlobBookCheck(int bandBps) {
        this.book = new OrderBook(MAX_LEVELS, bandBps);
    }

    public Outcome<BookTop> accept(DlobBook dlob, long recvMs) {
        if (dlob.slot() < lastSlot) {
            return Outcome.rejected(
                    Rejection.SLOT_BACKWARDS, "slot " + dlob.slot() + " after " + lastSlot + " was already seen");
        }
        lastSlot = dlob.slot();
        book.clear();
        try {
            book.apply(counted(dlob.bids()), counted(dlob.asks()));
        } catch (FixedPoint.UnrepresentableLevelException e) {
            book.clear();
            return Outcome.rejected(Rejection.UNREPRESENTABLE_LEVEL, e.getMessage());
        }
        return switch (book.health()) {
            case EMPTY ->
                Outcome.rejected(
                        Rejection.EMPTY_BOOK,
                        "counted levels: " + book.levels(true) + " bids, " + book.levels(false) + " asks at slot "
                                + dlob.slot());
            case CROSSED ->
                Outcome.rejected(
                        Rejection.CROSSED_BOOK,
                        "best counted bid " + FixedPoint.toDecimal(book.bestBidUnits(), OrderBook.SCALE)
                                + " >= best counted ask " + FixedPoint.toDecimal(book.bestAskUnits(), OrderBook.SCALE)
                                + " at slot " + dlob.slot());
            case OK -> Outcome.accepted(book.top(dlob.ts() > 0 ? dlob.ts() : recvMs, recvMs));
        };
    }

    /**
     * The slot of the newest book seen (published, or refused as empty or crossed); {@link Long#MIN_VALUE} before the
     * first.
     */
    public long lastSlot() {
        return lastSlot;
    }

    private static List<PriceLevel> counted(List<BookLevel> levels) {
        List<PriceLevel> out = new ArrayList<>(levels.size());
        for (BookLevel level : levels) {
            if (level.counted().signum() > 0) {
                out.add(new PriceLevel(level.price(), level.counted()));
            }
        }
        return out;
    }
}
