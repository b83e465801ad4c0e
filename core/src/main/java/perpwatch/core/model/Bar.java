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
 * @param recvTime     when we closed (or re-published) the bar, epoch ms
 * @param complete      false when aggregate-trade ids that may belong to this minute could not be fetched
 * @param missingTrades how many such ids are known to be missing (0 with {@code complete=false}: a reconnect whose
 *                      missed ids are not known, because REST was down and the stream has not spoken since)
 * @param revision      0 on first publication, n+1 each time the minute is re-published with a correction
 */
public record Bar(
        long openTime,
        BigDecimal open,
        BigDecimal high,
        BigDecimal low,
        BigDecimal close,
        BigDecimal buyVolume,
        BigDecimal sellVolume,
        BigDecimal cvd,
        BigDecimal vwap,
        int trades,
        long firstTradeId,
        long lastTradeId,
        long recvTime,
        boolean complete,
        long missingTrades,
        int revision) {

    public static final long MINUTE_MS = 60_000L;

    /** A complete first publication (bars written before completeness and revisions were recorded read as this). */
    public Bar(
            long openTime,
            BigDecimal open,
            BigDecimal high,
            BigDecimal low,
            BigDecimal close,
            BigDecimal buyVolume,
            BigDecimal sellVolume,
            BigDecimal cvd,
            BigDecimal vwap,
            int trades,
            long firstTradeId,
            long lastTradeId,
            long recvTime) {
        this(
                openTime,
                open,
                high,
                low,
                close,
                buyVolume,
                sellVolume,
                cvd,
                vwap,
                trades,
                firstTradeId,
                lastTradeId,
                recvTime,
                true,
                0,
                0);
    }

    /**
     * The same numbers, ignoring when and how often they were published: whether a re-publication would say anything
     * new.
     */
    public boolean sameContentAs(Bar other) {
        return other != null
                && openTime == other.openTime
                && trades == other.trades
                && firstTradeId == other.firstTradeId
                && lastTradeId == other.lastTradeId
                && complete == other.complete
                && missingTrades == other.missingTrades
                && open.compareTo(other.open) == 0
                && high.compareTo(other.high) == 0
                && low.compareTo(other.low) == 0
                && close.compareTo(other.close) == 0
                && buyVolume.compareTo(other.buyVolume) == 0
                && sellVolume.compareTo(other.sellVolume) == 0
                && cvd.compareTo(other.cvd) == 0
                && vwap.compareTo(other.vwap) == 0;
    }

    public long closeTime() {
        return openTime + MINUTE_MS;
    }
}
