package perpwatch.feeds.binance.book;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import perpwatch.core.model.BookTop;

/**
 * A price-level book held as exact scaled longs (8 decimals for prices and quantities), with the numbers we publish
 * computed from those integers: best bid/ask, spread, and the resting notional within a band around mid. The only
 * rounding anywhere is the spread's last decimal; notionals are exact 128-bit sums. Not thread-safe.
 */
public final class OrderBook {
    public static final int SCALE = 8;
    /**
     * Prices up to 10^6: keeps every band comparison ({@code (B + A)·2·10⁴ ≤ 4·10¹⁸}) below 2^63 (see {@link #depth}).
     */
    static final long MAX_PRICE_UNITS = 1_000_000L * 100_000_000L;

    static final long MAX_QTY_UNITS = Long.MAX_VALUE / 4;
    private static final int SPREAD_DECIMALS = 4;
    private static final long BPS = 10_000;
    /** 10^{@link #SPREAD_DECIMALS}. */
    private static final long SPREAD_UNIT = 10_000;

    /** Whether the book may be published, and if not why. */
    public enum Health {
        OK,
        EMPTY,
        CROSSED
    }

    private final BookSide bids;
    private final BookSide asks;
    private final long bandBps;
    private final long[] depthSum = new long[2];

    /**
     * @param maxLevelsPerSide bound on memory: beyond it the levels furthest from the top are dropped
     * @param bandBps          the depth band around mid, in basis points (10 for "depth within 10 bps")
     */
    public OrderBook(int maxLevelsPerSide, int bandBps) {
        if (maxLevelsPerSide < 1 || bandBps < 0 || bandBps >= BPS) {
            throw new IllegalArgumentException("need maxLevelsPerSide >= 1 and 0 <= bandBps < 10000");
        }
        this.bids = new BookSide(true, maxLevelsPerSide);
        this.asks = new BookSide(false, maxLevelsPerSide);
        this.bandBps = bandBps;
    }

    public void clear() {
        bids.clear();
        asks.clear();
    }

    /**
     * Replaces the book by a REST snapshot; on failure the book is left empty. Levels go straight in (no scratch
     * copy as for diffs: an empty book is the fallback anyway), so a 1,000-level snapshot leaves no 32 KB buffer
     * behind.
     */
    public void load(DepthSnapshot snapshot) throws FixedPoint.UnrepresentableLevelException {
        clear();
        try {
            for (PriceLevel level : snapshot.bids()) {
                bids.set(
                        FixedPoint.toUnits(level.price(), SCALE, MAX_PRICE_UNITS),
                        FixedPoint.toUnits(level.qty(), SCALE, MAX_QTY_UNITS));
            }
            for (PriceLevel level : snapshot.asks()) {
                asks.set(
                        FixedPoint.toUnits(level.price(), SCALE, MAX_PRICE_UNITS),
                        FixedPoint.toUnits(level.qty(), SCALE, MAX_QTY_UNITS));
            }
        } catch (FixedPoint.UnrepresentableLevelException e) {
            clear();
            throw e;
        }
    }

    /**
     * Applies one diff already in units (the parser's output). A diff with a level the book cannot hold exactly changes
     * nothing (the caller then resyncs); the check comes before the first level is applied.
     */
    public void apply(ScaledLevels bidLevels, ScaledLevels askLevels) throws FixedPoint.UnrepresentableLevelException {
        refuseUnrepresentable(bidLevels);
        refuseUnrepresentable(askLevels);
        for (int i = 0, n = bidLevels.size(); i < n; i++) {
            bids.set(bidLevels.priceUnits(i), bidLevels.qtyUnits(i));
        }
        for (int i = 0, n = askLevels.size(); i < n; i++) {
            asks.set(askLevels.priceUnits(i), askLevels.qtyUnits(i));
        }
    }

    /**
     * Applies one diff of decimal levels (the Velocity DLOB check, tests). Every level is converted before the first
     * is applied, so a diff the book cannot hold exactly changes nothing.
     */
    public void apply(List<PriceLevel> bidLevels, List<PriceLevel> askLevels)
            throws FixedPoint.UnrepresentableLevelException {
        apply(ScaledLevels.of(bidLevels), ScaledLevels.of(askLevels));
    }

    private static void refuseUnrepresentable(ScaledLevels levels) throws FixedPoint.UnrepresentableLevelException {
        if (levels.unrepresentable() != null) {
            throw new FixedPoint.UnrepresentableLevelException(levels.unrepresentable());
        }
    }

    /** The primitive hot path: one level in units ({@link #SCALE} decimals), qty 0 removes. */
    public void set(boolean bid, long priceUnits, long qtyUnits) {
        (bid ? bids : asks).set(priceUnits, qtyUnits);
    }

    public Health health() {
        if (bids.size() == 0 || asks.size() == 0) {
            return Health.EMPTY;
        }
        return bids.price(0) >= asks.price(0) ? Health.CROSSED : Health.OK;
    }

    public int levels(boolean bid) {
        return (bid ? bids : asks).size();
    }

    /** Levels dropped at the far end because a side reached its bound. */
    public long trimmedLevels() {
        return bids.trimmed() + asks.trimmed();
    }

    public long bestBidUnits() {
        return bids.price(0);
    }

    public long bestAskUnits() {
        return asks.price(0);
    }

    /**
     * Σ price·qty (units², i.e. 16 decimals) of one side's levels inside the band, as an unsigned 128-bit
     * {@code {hi, lo}} written into {@code out}. Bid p counts when p ≥ mid·(1 − band), ask p when p ≤ mid·(1 + band);
     * with mid = (B + A)/2 both tests are done in integers: {@code 2·10⁴·p} against {@code (B + A)·(10⁴ ∓ band)}, so
     * the band edge is the first whole unit on the inside, {@code ⌈(B + A)(10⁴ − band) / 2·10⁴⌉} for bids and
     * {@code ⌊(B + A)(10⁴ + band) / 2·10⁴⌋} for asks. A level exactly on the edge counts. Requires {@link Health#OK}.
     */
    public void depth(boolean bid, long[] out) {
        long sum = bids.price(0) + asks.price(0);
        if (bid) {
            long limit = sum * (BPS - bandBps);
            bids.notionalFrom((limit + 2 * BPS - 1) / (2 * BPS), out);
        } else {
            asks.notionalFrom(sum * (BPS + bandBps) / (2 * BPS), out);
        }
    }

    /** The published view; requires {@link Health#OK}. {@code ts} and {@code recvTime} are the last diff's. */
    public BookTop top(long ts, long recvTime) {
        if (health() != Health.OK) {
            throw new IllegalStateException("book is " + health() + "; nothing to publish");
        }
        long bid = bids.price(0);
        long ask = asks.price(0);
        long[] sum = depthSum;
        depth(true, sum);
        BigDecimal depthBid = FixedPoint.toDecimal(sum[0], sum[1], 2 * SCALE);
        depth(false, sum);
        BigDecimal depthAsk = FixedPoint.toDecimal(sum[0], sum[1], 2 * SCALE);
        return new BookTop(
                FixedPoint.toDecimal(bid, SCALE),
                FixedPoint.toDecimal(bids.qty(0), SCALE),
                FixedPoint.toDecimal(ask, SCALE),
                FixedPoint.toDecimal(asks.qty(0), SCALE),
                spreadBps(bid, ask),
                depthBid,
                depthAsk,
                ts,
                recvTime);
    }

    /**
     * (A − B) / ((A + B)/2) · 10⁴ to {@value #SPREAD_DECIMALS} decimals, half-even, in the units' own ratio so no scale
     * is involved. In longs while (A − B)·2·10⁸ fits (a spread below about 461 in price, i.e. always in practice):
     * the same quotient and rounding as the BigDecimal division it falls back to.
     */
    static BigDecimal spreadBps(long bid, long ask) {
        long gap = ask - bid;
        long numeratorScale = 2 * BPS * SPREAD_UNIT;
        if (gap > Long.MAX_VALUE / numeratorScale) {
            return BigDecimal.valueOf(gap)
                    .multiply(BigDecimal.valueOf(2 * BPS))
                    .divide(
                            BigDecimal.valueOf(bid).add(BigDecimal.valueOf(ask)),
                            SPREAD_DECIMALS,
                            RoundingMode.HALF_EVEN);
        }
        long numerator = gap * numeratorScale;
        long denominator = bid + ask;
        long quotient = numerator / denominator;
        long twiceRemainder = 2 * (numerator % denominator);
        if (twiceRemainder > denominator || (twiceRemainder == denominator && (quotient & 1) == 1)) {
            quotient++;
        }
        return BigDecimal.valueOf(quotient, SPREAD_DECIMALS);
    }

    /** Bytes of the level arrays, for memory accounting (object headers of the book itself not included). */
    public long levelArrayBytes() {
        return bids.arrayBytes() + asks.arrayBytes();
    }
}
