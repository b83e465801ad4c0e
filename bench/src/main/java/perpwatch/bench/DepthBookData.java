package perpwatch.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import perpwatch.feeds.binance.book.DepthSnapshot;
import perpwatch.feeds.binance.book.DepthUpdate;
import perpwatch.feeds.binance.book.PriceLevel;

/**
 * A SOL-like book and a diff stream for the depth benchmarks: 1,000 levels a side at a 0.01 tick around 150, diffs
 * of ten levels each, most within 20 ticks of the top (where Binance's diffs land), some deep, a fifth removals.
 */
public final class DepthBookData {
    static final int LEVELS_PER_SIDE = 1_000;
    static final int LEVELS_PER_DIFF = 10;
    static final long FIRST_ID = 1_000_000L;

    private DepthBookData() {}

    public static DepthSnapshot snapshot(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<PriceLevel> bids = new ArrayList<>();
        List<PriceLevel> asks = new ArrayList<>();
        for (int i = 0; i < LEVELS_PER_SIDE; i++) {
            bids.add(new PriceLevel(price(14_999 - i), qty(random)));
            asks.add(new PriceLevel(price(15_001 + i), qty(random)));
        }
        return new DepthSnapshot(FIRST_ID, 0, 0, bids, asks);
    }

    /** One generated diff, its levels as decimals as a venue's text gives them (prices and sizes at 2 decimals). */
    public record DecimalDiff(long first, long last, long previous, List<PriceLevel> bids, List<PriceLevel> asks) {}

    /** {@code count} pu-chained diffs; the first straddles the snapshot ({@code U ≤ FIRST_ID ≤ u}), as on the venue. */
    public static DepthUpdate[] diffs(int count, long seed) {
        DecimalDiff[] decimal = decimalDiffs(count, seed);
        DepthUpdate[] out = new DepthUpdate[count];
        for (int d = 0; d < count; d++) {
            DecimalDiff diff = decimal[d];
            out[d] = new DepthUpdate(
                    "SOLUSDT", d, d, diff.first(), diff.last(), diff.previous(), diff.bids(), diff.asks(), d);
        }
        return out;
    }

    /**
     * The very diffs of {@link #diffs} (same seed, same draws), levels as decimals: what a peer that works in
     * BigDecimal (XChange) is given, at the scale the text had rather than the book's 8 decimals (a scale-8 price ×
     * a scale-8 size no longer fits a long and would slow BigDecimal's multiply down, which is not the peer's fault).
     */
    public static DecimalDiff[] decimalDiffs(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        DecimalDiff[] out = new DecimalDiff[count];
        long previous = FIRST_ID - 10;
        for (int d = 0; d < count; d++) {
            List<PriceLevel> bids = new ArrayList<>();
            List<PriceLevel> asks = new ArrayList<>();
            for (int i = 0; i < LEVELS_PER_DIFF; i++) {
                int depth = random.nextInt(10) < 8 ? random.nextInt(20) : random.nextInt(LEVELS_PER_SIDE);
                BigDecimal qty = random.nextInt(5) == 0 ? BigDecimal.ZERO : qty(random);
                if (random.nextBoolean()) {
                    bids.add(new PriceLevel(price(14_999 - depth), qty));
                } else {
                    asks.add(new PriceLevel(price(15_001 + depth), qty));
                }
            }
            long last = d == 0 ? FIRST_ID + 5 : previous + 1 + random.nextInt(30);
            out[d] = new DecimalDiff(previous + 1, last, previous, bids, asks);
            previous = last;
        }
        return out;
    }

    /** The same diffs as {@code [bid?1:0, priceUnits, qtyUnits]} triples, for the book structure on its own. */
    static long[] units(DepthUpdate[] diffs) {
        long[] out = new long[diffs.length * LEVELS_PER_DIFF * 3];
        int k = 0;
        for (DepthUpdate diff : diffs) {
            for (int i = 0; i < diff.bids().size(); i++) {
                out[k++] = 1;
                out[k++] = diff.bids().priceUnits(i);
                out[k++] = diff.bids().qtyUnits(i);
            }
            for (int i = 0; i < diff.asks().size(); i++) {
                out[k++] = 0;
                out[k++] = diff.asks().priceUnits(i);
                out[k++] = diff.asks().qtyUnits(i);
            }
        }
        return out;
    }

    private static BigDecimal price(int ticks) {
        return BigDecimal.valueOf(ticks, 2);
    }

    private static BigDecimal qty(SplittableRandom random) {
        return BigDecimal.valueOf(1 + random.nextInt(500_000), 2);
    }
}
