package perpwatch.core.model;

import java.math.BigDecimal;

/**
 * A closed one-minute bar.
 *
 * @param openTime     start of the minute, epoch ms (the stream's {@code ts})
 * @param buyVolume    base volume bought by takers
 * @param sellVolume   base volume sold by takers
 * @param cvd          cumulative volume delta (Σ buy − sell) over every bar so far, this one included
 * @param vwap         Σ price·qty / Σ qty over the minute
 * @param trades       trades aggregated into the bar
 * @param firstTradeId first venue trade id in the bar
 * @param lastTradeId  last venue trade id in the bar; a restarted worker uses it to skip what is already written
 * @param recvTime     when we closed the bar, epoch ms
 */
public record Bar(long openTime, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
                  BigDecimal buyVolume, BigDecimal sellVolume, BigDecimal cvd, BigDecimal vwap,
                  int trades, long firstTradeId, long lastTradeId, long recvTime) {

    public static final long MINUTE_MS = 60_000L;

    public long closeTime() {
        return openTime + MINUTE_MS;
    }
}
