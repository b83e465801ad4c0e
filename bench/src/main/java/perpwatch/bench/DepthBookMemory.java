package perpwatch.bench;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.TreeMap;
import java.util.function.Supplier;
import perpwatch.feeds.binance.book.DepthSnapshot;
import perpwatch.feeds.binance.book.OrderBook;
import perpwatch.feeds.binance.book.PriceLevel;

/**
 * Retained heap of a book of 1,000 levels a side, measured as the heap growth of many live copies (after full GCs),
 * next to the same levels in the obvious {@code TreeMap<BigDecimal, BigDecimal>} per side for scale. JOL would be
 * more precise but is not in the offline repository; the array accounting printed alongside is exact.
 * Run: {@code java -cp bench/target/benchmarks.jar perpwatch.bench.DepthBookMemory}
 */
public final class DepthBookMemory {
    private static final int COPIES = 400;

    private DepthBookMemory() {}

    public static void main(String[] args) throws Exception {
        DepthSnapshot snapshot = DepthBookData.snapshot(1);
        OrderBook probe = new OrderBook(5_000, 10);
        probe.load(snapshot);
        System.out.printf("levels per side: %d bid / %d ask%n", probe.levels(true), probe.levels(false));
        System.out.printf("OrderBook level arrays (exact accounting): %,d bytes%n", probe.levelArrayBytes());

        long book = retained(() -> {
            OrderBook b = new OrderBook(5_000, 10);
            try {
                b.load(DepthBookData.snapshot(1));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return b;
        });
        System.out.printf("OrderBook retained (heap delta / copy): %,d bytes%n", book);

        long tree = retained(() -> {
            // Fresh BigDecimals per copy, as a parser would make them.
            TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
            TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
            DepthSnapshot s = DepthBookData.snapshot(1);
            for (PriceLevel l : s.bids()) {
                bids.put(l.price(), l.qty());
            }
            for (PriceLevel l : s.asks()) {
                asks.put(l.price(), l.qty());
            }
            return new Object[] {bids, asks};
        });
        System.out.printf("TreeMap<BigDecimal,BigDecimal> x2 retained (heap delta / copy): %,d bytes%n", tree);
    }

    private static long retained(Supplier<Object> make) throws InterruptedException {
        Object[] keep = new Object[COPIES];
        make.get();
        long before = usedAfterGc();
        for (int i = 0; i < COPIES; i++) {
            keep[i] = make.get();
        }
        long after = usedAfterGc();
        if (keep[COPIES - 1] == null) {
            throw new IllegalStateException();
        }
        return (after - before) / COPIES;
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
