package perpwatch.core.calc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import perpwatch.core.model.Bar;
import perpwatch.core.model.Trade;

/**
 * One minute's trades folded into sums. Open and close are the trades with the lowest and highest aggregate id, not
 * the first and last to arrive: backfilled and late trades come out of order, and ids follow venue time.
 */
final class MinuteTally {
    /** 12 decimal places is far below any venue tick size; the codec strips the trailing zeros. */
    private static final int VWAP_SCALE = 12;

    final long openTime;
    private long openId = Long.MAX_VALUE;
    private BigDecimal openPrice;
    private long closeId = Long.MIN_VALUE;
    private BigDecimal closePrice;
    private BigDecimal high;
    private BigDecimal low;
    private BigDecimal buyVolume = BigDecimal.ZERO;
    private BigDecimal sellVolume = BigDecimal.ZERO;
    private BigDecimal notional = BigDecimal.ZERO;
    private int trades;
    /** The bar as last published; null until the minute closes. */
    Bar published;
    /** A trade was added after publication: the bar owes a revision. */
    boolean dirty;

    MinuteTally(long openTime) {
        this.openTime = openTime;
    }

    /**
     * A bar read back from Redis after a restart, so trades for its minute can still revise it. The notional is
     * rebuilt from the VWAP (12 decimals), so a revised VWAP of a restored minute can differ in the last digits; the
     * volumes, hence CVD, stay exact.
     */
    static MinuteTally of(Bar bar) {
        MinuteTally t = new MinuteTally(bar.openTime());
        t.openId = bar.firstTradeId();
        t.openPrice = bar.open();
        t.closeId = bar.lastTradeId();
        t.closePrice = bar.close();
        t.high = bar.high();
        t.low = bar.low();
        t.buyVolume = bar.buyVolume();
        t.sellVolume = bar.sellVolume();
        t.notional = bar.vwap().multiply(bar.buyVolume().add(bar.sellVolume()));
        t.trades = bar.trades();
        t.published = bar;
        return t;
    }

    void add(Trade trade) {
        BigDecimal price = trade.price();
        if (trades == 0 || price.compareTo(high) > 0) {
            high = price;
        }
        if (trades == 0 || price.compareTo(low) < 0) {
            low = price;
        }
        if (trade.id() < openId) {
            openId = trade.id();
            openPrice = price;
        }
        if (trade.id() > closeId) {
            closeId = trade.id();
            closePrice = price;
        }
        if (trade.aggressorSell()) {
            sellVolume = sellVolume.add(trade.quantity());
        } else {
            buyVolume = buyVolume.add(trade.quantity());
        }
        notional = notional.add(price.multiply(trade.quantity()));
        trades++;
        if (published != null) {
            dirty = true;
        }
    }

    /** Σ buy − Σ sell of this minute. */
    BigDecimal delta() {
        return buyVolume.subtract(sellVolume);
    }

    Bar build(BigDecimal cvd, TradeCoverage.Coverage coverage, long nowMs, int revision) {
        BigDecimal volume = buyVolume.add(sellVolume);
        BigDecimal vwap =
                volume.signum() == 0 ? closePrice : notional.divide(volume, VWAP_SCALE, RoundingMode.HALF_EVEN);
        return new Bar(
                openTime,
                openPrice,
                high,
                low,
                closePrice,
                buyVolume,
                sellVolume,
                cvd,
                vwap,
                trades,
                openId,
                closeId,
                nowMs,
                coverage.complete(),
                coverage.missingTrades(),
                revision);
    }
}
