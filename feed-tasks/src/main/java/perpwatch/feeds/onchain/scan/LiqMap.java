package perpwatch.feeds.onchain.scan;

import java.math.BigDecimal;
import java.util.List;
import perpwatch.feeds.onchain.ExchangeStatus;
import perpwatch.feeds.onchain.LiqPosition;
import perpwatch.feeds.onchain.OraclePrice;

/**
 * One completed scan: every user position in the market, sorted by distance to liquidation (positions without a
 * liquidation price last), with what the scan saw and what it could not read.
 *
 * @param program      the profile scanned ({@code velocity}, {@code drift-v2})
 * @param exchange     the program's State exchange status at the scan, null when it could not be read
 * @param accounts     User accounts the node returned
 * @param undecodable  accounts whose data could not be decoded (counted, skipped)
 * @param oracle       the market's oracle price the map was computed at, and whether it was read live
 * @param fundingRateHourlyPct the market's latest hourly funding rate from the Drift Data API, null when unavailable
 * @param freshness    live, stale or frozen, and why: only a live map may be shown as the market's risk
 */
public record LiqMap(
        String scanId,
        String program,
        ExchangeStatus exchange,
        int marketIndex,
        long slot,
        long startedMs,
        long finishedMs,
        long accounts,
        long undecodable,
        OraclePrice oracle,
        BigDecimal fundingRateHourlyPct,
        List<LiqPosition> positions,
        Freshness freshness) {
    public long withLiqPrice() {
        return positions.stream().filter(LiqPosition::hasLiqPrice).count();
    }
}
