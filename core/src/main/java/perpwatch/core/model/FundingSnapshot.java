package perpwatch.core.model;

import java.math.BigDecimal;

/**
 * One Bybit poll of open interest and funding.
 *
 * @param oiValue          open interest in the base asset (SOL)
 * @param oiNotional       oiValue × markPrice, USD
 * @param fundingRate      the venue's rate for one funding interval
 * @param fundingRate8h    the same rate scaled to 8 hours, so instruments with different intervals compare
 * @param fundingIntervalH hours between fundings (8 for SOLUSDT today, 4 or 1 for some instruments)
 * @param fundingApr       fundingRate × (24 / fundingIntervalH) × 365 × 100, percent
 * @param ts               the venue's time of the ticker answer
 */
public record FundingSnapshot(String symbol, BigDecimal oiNotional, BigDecimal oiValue, BigDecimal fundingRate,
                              BigDecimal fundingRate8h, int fundingIntervalH, BigDecimal fundingApr,
                              long nextFundingTime, BigDecimal markPrice, long ts, long recvTime) {
}
