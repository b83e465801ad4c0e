package perpwatch.core.calc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import perpwatch.core.model.Bar;
import perpwatch.core.model.Trade;

/**
 * Folds trades into one-minute bars by venue trade time. A bar closes when the first trade of a later minute
 * arrives, or when the clock passes the end of its minute plus a grace period (so a quiet market still gets its
 * bar on time). CVD runs across bars and can be restored from the last bar written, so it survives a restart.
 *
 * <p>Not thread-safe: one worker owns one aggregator.
 */
public final class MinuteBarAggregator {
    /** 12 decimal places is far below any venue tick size; the codec strips the trailing zeros. */
    private static final int VWAP_SCALE = 12;

    private final long closeGraceMs;

    private BigDecimal cvdBefore = BigDecimal.ZERO;
    private long lastClosedOpenTime = Long.MIN_VALUE;
    private long lateTrades;

    private boolean inProgress;
    private long openTime;
    private BigDecimal open;
    private BigDecimal high;
    private BigDecimal low;
    private BigDecimal close;
    private BigDecimal buyVolume;
    private BigDecimal sellVolume;
    private BigDecimal notional;
    private int trades;
    private long firstTradeId;
    private long lastTradeId;

    public MinuteBarAggregator(long closeGraceMs) {
        if (closeGraceMs < 0) {
            throw new IllegalArgumentException("closeGraceMs must be >= 0");
        }
        this.closeGraceMs = closeGraceMs;
    }

    /** Continue from the last bar already written: its CVD is the base, and its minute and earlier are closed. */
    public void restore(Bar lastWritten) {
        if (inProgress) {
            throw new IllegalStateException("restore before the first trade");
        }
        cvdBefore = lastWritten.cvd();
        lastClosedOpenTime = lastWritten.openTime();
    }

    /**
     * Adds a trade. Returns the previous bar when this trade opens a later minute. A trade for a minute that is
     * already closed is counted as late and not added: rewriting a published bar would give readers two answers.
     */
    public Optional<Bar> accept(Trade trade, long nowMs) {
        long minute = minuteOf(trade.tradeTime());
        if (minute <= lastClosedOpenTime || (inProgress && minute < openTime)) {
            lateTrades++;
            return Optional.empty();
        }
        Optional<Bar> closed = Optional.empty();
        if (inProgress && minute > openTime) {
            closed = Optional.of(closeBar(nowMs));
        }
        if (!inProgress) {
            start(minute, trade);
        }
        add(trade);
        return closed;
    }

    /** Closes the bar in progress once its minute and the grace period are over. */
    public Optional<Bar> closeIfDue(long nowMs) {
        if (inProgress && nowMs >= openTime + Bar.MINUTE_MS + closeGraceMs) {
            return Optional.of(closeBar(nowMs));
        }
        return Optional.empty();
    }

    /** Trades that arrived for a minute already closed (after a reconnect, or a restart mid-minute). */
    public long lateTrades() {
        return lateTrades;
    }

    public BigDecimal cvd() {
        return inProgress ? cvdBefore.add(buyVolume).subtract(sellVolume) : cvdBefore;
    }

    public boolean hasBarInProgress() {
        return inProgress;
    }

    private static long minuteOf(long epochMs) {
        return Math.floorDiv(epochMs, Bar.MINUTE_MS) * Bar.MINUTE_MS;
    }

    private void start(long minute, Trade first) {
        inProgress = true;
        openTime = minute;
        open = first.price();
        high = first.price();
        low = first.price();
        buyVolume = BigDecimal.ZERO;
        sellVolume = BigDecimal.ZERO;
        notional = BigDecimal.ZERO;
        trades = 0;
        firstTradeId = first.id();
    }

    private void add(Trade trade) {
        BigDecimal price = trade.price();
        if (price.compareTo(high) > 0) {
            high = price;
        }
        if (price.compareTo(low) < 0) {
            low = price;
        }
        close = price;
        if (trade.aggressorSell()) {
            sellVolume = sellVolume.add(trade.quantity());
        } else {
            buyVolume = buyVolume.add(trade.quantity());
        }
        notional = notional.add(price.multiply(trade.quantity()));
        trades++;
        lastTradeId = trade.id();
    }

    private Bar closeBar(long nowMs) {
        BigDecimal volume = buyVolume.add(sellVolume);
        BigDecimal vwap = volume.signum() == 0
                ? close
                : notional.divide(volume, VWAP_SCALE, RoundingMode.HALF_EVEN);
        BigDecimal cvd = cvd();
        Bar bar = new Bar(openTime, open, high, low, close, buyVolume, sellVolume, cvd, vwap,
                trades, firstTradeId, lastTradeId, nowMs);
        cvdBefore = cvd;
        lastClosedOpenTime = openTime;
        inProgress = false;
        return bar;
    }
}
