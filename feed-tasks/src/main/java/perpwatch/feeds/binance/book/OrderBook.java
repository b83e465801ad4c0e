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

    /** Whether the book may be published, and if not why. */
    public enum Health {
        OK,
        EMPTY,
        CROSSED
    }

    private final BookSide bids;
    private final BookSide asks;
    private final long bandBps;
    private long[] scratch = new long[64];

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
     * Applies one diff. Every level is converted before the first is applied, so a diff the book cannot hold exactly
     * changes nothing (the caller then resyncs).
     */
    public void apply(List<PriceLevel> bidLevels, List<PriceLevel> askLevels)
            throws FixedPoint.UnrepresentableLevelException {
        int n = bidLevels.size() + askLevels.size();
        if (scratch.length < 2 * n) {
            scratch = new long[Math.max(2 * n, 2 * scratch.length)];
        }
        int k = 0;
        for (PriceLevel level : bidLevels) {
            scratch[k++] = FixedPoint.toUnits(level.price(), SCALE, MAX_PRICE_UNITS);
            scratch[k++] = FixedPoint.toUnits(level.qty(), SCALE, MAX_QTY_UNITS);
        }
        for (PriceLevel level : askLevels) {
            scratch[k++] = FixedPoint.toUnits(level.price(), SCALE, MAX_PRICE_UNITS);
            scratch[k++] = FixedPoint.toUnits(level.qty(), SCALE, MAX_QTY_UNITS);
        }
        int bidEnd = 2 * bidLevels.size();
        for (int i = 0; i < bidEnd; i += 2) {
            bids.set(scratch[i], scratch[i + 1]);
        }
        for (int i = bidEnd; i < k; i += 2) {
            asks.set(scratch[i], scratch[i + 1]);
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
     * with mid = (B + A)/2 both tests are done in integers: {@code 2·10⁴·p} against {@code (B + A)·(10⁴ ∓ band)}.
     * Requires {@link Health#OK}.
     */
    public void depth(boolean bid, long[] out) {
        BookSide side = bid ? bids : asks;
        long sum = bids.price(0) + asks.price(0);
        long limit = sum * (bid ? BPS - bandBps : BPS + bandBps);
        long hi = 0;
        long lo = 0;
        int n = side.size();
        for (int i = 0; i < n; i++) {
            long p = side.price(i);
            long scaled = 2 * BPS * p;
            if (bid ? scaled < limit : scaled > limit) {
                break;
            }
            long q = side.qty(i);
            long productLo = p * q;
            lo += productLo;
            hi += Math.multiplyHigh(p, q) + (Long.compareUnsigned(lo, productLo) < 0 ? 1 : 0);
        }
        out[0] = hi;
        out[1] = lo;
    }

    /** The published view; requires {@link Health#OK}. {@code ts} and {@code recvTime} are the last diff's. */
    public BookTop top(long ts, long recvTime) {
        if (health() != Health.OK) {
            throw new IllegalStateException("book is " + health() + "; nothing to publish");
        }
        long bid = bids.price(0);
        long ask = asks.price(0);
        long[] sum = new long[2];
        depth(true, sum);
        BigDecimal depthBid = FixedPoint.toDecimal(sum[0], sum[1], 2 * SCALE);
        depth(false, sum);
        BigDecimal depthAsk = FixedPoint.toDecimal(sum[0], sum[1], 2 * SCALE);
        // (A − B) / ((A + B)/2) · 10⁴, in the units' own ratio so no scale is involved.
        BigDecimal spreadBps = BigDecimal.valueOf(ask - bid)
                .multiply(BigDecimal.valueOf(2 * BPS))
                .divide(BigDecimal.valueOf(bid).add(BigDecimal.valueOf(ask)), SPREAD_DECIMALS, RoundingMode.HALF_EVEN);
        return new BookTop(
                FixedPoint.toDecimal(bid, SCALE),
                FixedPoint.toDecimal(bids.qty(0), SCALE),
                FixedPoint.toDecimal(ask, SCALE),
                FixedPoint.toDecimal(asks.qty(0), SCALE),
                spreadBps,
                depthBid,
                depthAsk,
                ts,
                recvTime);
    }

    /** Bytes of the level arrays, for memory accounting (object headers of the book itself not included). */
    public long levelArrayBytes() {
        return bids.arrayBytes() + asks.arrayBytes();
    }
}
