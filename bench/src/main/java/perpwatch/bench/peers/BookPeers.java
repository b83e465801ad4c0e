package perpwatch.bench.peers;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import perpwatch.feeds.binance.book.FixedPoint;
import perpwatch.feeds.binance.book.OrderBook;

/** Reading perpwatch's book level by level, and comparing two books' sides as {@code [price, qty]} decimals. */
final class BookPeers {
    private BookPeers() {}

    /** One side of perpwatch's book as {@code [price, qty]} decimals, best first (its levels are not public API). */
    static List<BigDecimal[]> levels(OrderBook book, boolean bid) {
        try {
            Field f = OrderBook.class.getDeclaredField(bid ? "bids" : "asks");
            f.setAccessible(true);
            Object side = f.get(book);
            Method size = side.getClass().getDeclaredMethod("size");
            Method price = side.getClass().getDeclaredMethod("price", int.class);
            Method qty = side.getClass().getDeclaredMethod("qty", int.class);
            size.setAccessible(true);
            price.setAccessible(true);
            qty.setAccessible(true);
            int n = (int) size.invoke(side);
            List<BigDecimal[]> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(new BigDecimal[] {
                    FixedPoint.toDecimal((long) price.invoke(side, i), OrderBook.SCALE),
                    FixedPoint.toDecimal((long) qty.invoke(side, i), OrderBook.SCALE)
                });
            }
            return out;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read perpwatch's book levels", e);
        }
    }

    /**
     * How many levels from the top the two sides agree on (price and qty compared as numbers), and whether they
     * agree on all levels; {@code [equalFromTop, perpwatchSize, xchangeSize]}.
     */
    static int[] agree(List<BigDecimal[]> a, List<BigDecimal[]> b) {
        int n = Math.min(a.size(), b.size());
        int i = 0;
        while (i < n && a.get(i)[0].compareTo(b.get(i)[0]) == 0 && a.get(i)[1].compareTo(b.get(i)[1]) == 0) {
            i++;
        }
        return new int[] {i, a.size(), b.size()};
    }

    static boolean sameNumber(BigDecimal a, BigDecimal b) {
        return a.round(MathContext.DECIMAL128).compareTo(b.round(MathContext.DECIMAL128)) == 0;
    }
}
