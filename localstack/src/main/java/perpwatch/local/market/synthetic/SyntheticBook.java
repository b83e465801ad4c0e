package perpwatch.local.market.synthetic;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import perpwatch.local.sim.binance.SimOrderBook;

/**
 * An order book kept around the synthetic mid: each {@link #update} re-centres the levels, changes a few sizes, and
 * returns the diff as a {@code depthUpdate} event (the {@link SimOrderBook} keeps the U/u/pu chain and the snapshot).
 * Books are thick in calm markets and thin, with a wider spread, in cascades.
 */
public final class SyntheticBook {
    private static final BigDecimal TICK = new BigDecimal("0.01");
    private static final int LEVELS = 200;

    private final SimOrderBook book;
    private volatile DiffListener listener;

    /** Told of every diff this book emits, with the best bid and ask after it (a harness's ground truth). */
    public interface DiffListener {
        void diff(long eventTime, BigDecimal bestBid, BigDecimal bestAsk);
    }

    public SyntheticBook(String symbol) {
        this.book = new SimOrderBook(symbol, 5_000_000_000L);
    }

    /** Moves the book to {@code state} and returns the diff event, or null when nothing changed. */
    public String update(MarketState state, SyntheticMarket random, long eventTime) {
        boolean thin = state.cascading();
        int halfSpreadTicks = thin ? 10 + (int) (random.uniform() * 6) : 1;
        BigDecimal mid = BigDecimal.valueOf(state.mid()).setScale(2, RoundingMode.HALF_UP);
        BigDecimal bestBid = mid.subtract(TICK.multiply(BigDecimal.valueOf(halfSpreadTicks)));
        BigDecimal bestAsk = mid.add(TICK.multiply(BigDecimal.valueOf(halfSpreadTicks)));
        synchronized (book) {
            Map<BigDecimal, BigDecimal> bidChanges = new TreeMap<>(Comparator.reverseOrder());
            Map<BigDecimal, BigDecimal> askChanges = new TreeMap<>();
            reshape(book.side(true), bestBid, TICK.negate(), thin, random, bidChanges);
            reshape(book.side(false), bestAsk, TICK, thin, random, askChanges);
            if (bidChanges.isEmpty() && askChanges.isEmpty()) {
                return null;
            }
            return told(book.apply(bidChanges, askChanges, 1 + (long) (random.uniform() * 20), eventTime), eventTime);
        }
    }

    /**
     * A small diff for load runs: one resting level near the top changes size (as most real diffs do), without
     * re-centring the book. Null while the book is still empty.
     */
    public String nudge(SyntheticMarket random, long eventTime) {
        synchronized (book) {
            boolean bid = random.uniform() < 0.5;
            NavigableMap<BigDecimal, BigDecimal> side = book.side(bid);
            if (side.isEmpty()) {
                return null;
            }
            BigDecimal price = side.firstKey();
            for (int skip = (int) (random.uniform() * 10); skip > 0 && side.higherKey(price) != null; skip--) {
                price = side.higherKey(price);
            }
            Map<BigDecimal, BigDecimal> change = Map.of(
                    price, BigDecimal.valueOf(60 + random.uniform() * 300).setScale(1, RoundingMode.HALF_UP));
            return told(book.apply(bid ? change : Map.of(), bid ? Map.of() : change, 1, eventTime), eventTime);
        }
    }

    /** Sets the one listener of this book's diffs (null for none). */
    public void onDiff(DiffListener listener) {
        this.listener = listener;
    }

    /** Called under the book's lock, before the diff is published: the listener sees diffs in their order. */
    private String told(String diff, long eventTime) {
        DiffListener l = listener;
        if (l != null) {
            NavigableMap<BigDecimal, BigDecimal> bids = book.side(true);
            NavigableMap<BigDecimal, BigDecimal> asks = book.side(false);
            l.diff(eventTime, bids.isEmpty() ? null : bids.firstKey(), asks.isEmpty() ? null : asks.firstKey());
        }
        return diff;
    }

    /** The REST snapshot body ({@code limit} levels per side) at the current update id. */
    public String snapshot(int limit, long now) {
        return book.snapshot(limit, now);
    }

    private static void reshape(
            NavigableMap<BigDecimal, BigDecimal> side,
            BigDecimal best,
            BigDecimal step,
            boolean thin,
            SyntheticMarket random,
            Map<BigDecimal, BigDecimal> changes) {
        List<BigDecimal> wanted = new ArrayList<>(LEVELS);
        for (int i = 0; i < LEVELS; i++) {
            wanted.add(best.add(step.multiply(BigDecimal.valueOf(i))));
        }
        Set<BigDecimal> keep = new HashSet<>(wanted);
        for (BigDecimal price : side.keySet()) {
            if (!keep.contains(price)) {
                changes.put(price, BigDecimal.ZERO);
            }
        }
        for (BigDecimal price : wanted) {
            BigDecimal current = side.get(price);
            if (current == null || random.uniform() < 0.05 || (thin && current.doubleValue() > 40)) {
                double size = thin ? 2 + random.uniform() * 15 : 60 + random.uniform() * 300;
                changes.put(price, BigDecimal.valueOf(size).setScale(1, RoundingMode.HALF_UP));
            }
        }
    }
}
