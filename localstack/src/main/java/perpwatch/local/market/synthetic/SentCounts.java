package perpwatch.local.market.synthetic;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a {@link SyntheticVenueDriver} has sent, bucketed by event time: Binance trades per minute (to hold against
 * the 1-minute bars) and liquidations per second (to hold against the liquidations stream). Only messages a
 * simulator actually had a subscriber for reach a feed; the checks say which.
 */
public final class SentCounts {
    private final Map<Long, LongAdder> tradesByMinute = new ConcurrentHashMap<>();
    private final Map<Long, LongAdder> liquidationsBySecond = new ConcurrentHashMap<>();
    private final LongAdder loadMessages = new LongAdder();

    void loadMessage() {
        loadMessages.increment();
    }

    /** Messages sent by {@link SyntheticVenueDriver#load} so far (the market's own flow not included). */
    public long loadMessages() {
        return loadMessages.sum();
    }

    void trade(long eventTimeMs) {
        tradesByMinute
                .computeIfAbsent(eventTimeMs / 60_000 * 60_000, k -> new LongAdder())
                .increment();
    }

    void liquidation(long eventTimeMs) {
        liquidationsBySecond
                .computeIfAbsent(eventTimeMs / 1_000, k -> new LongAdder())
                .increment();
    }

    /** Binance trades sent in the minute starting at {@code minuteStartMs}. */
    public long tradesInMinute(long minuteStartMs) {
        LongAdder n = tradesByMinute.get(minuteStartMs);
        return n == null ? 0 : n.sum();
    }

    /** Liquidations sent with event times in [fromMs, toMs), whole seconds. */
    public long liquidationsBetween(long fromMs, long toMs) {
        long total = 0;
        for (long second = fromMs / 1_000; second < toMs / 1_000; second++) {
            LongAdder n = liquidationsBySecond.get(second);
            total += n == null ? 0 : n.sum();
        }
        return total;
    }
}
