package perpwatch.core.model;

import java.math.BigDecimal;

/**
 * One Bybit poll of open interest and funding.
 *
 * @param oiNotional       ONE-SIDED open interest × markPrice, USD: the longs (which equal the shorts), as Binance
 *                         and Coinglass report it. Null when the venue did not say (Bybit's {@code singleOpenInterest}
 *                         absent) or for entries written before it was read: never derived by halving
 * @param oiTwoSided       Bybit's {@code openInterest} (the sum of both sides) × markPrice, USD
 * @param fundingRate      the venue's rate for one funding interval
 * @param fundingRate8h    the same rate scaled to 8 hours, so instruments with different intervals compare
 * @param fundingIntervalH hours between fundings (8 for SOLUSDT today, 4 or 1 for some instruments)
 * @param fundingApr       fundingRate × (24 / fundingIntervalH) × 365 × 100, percent
 * @param ts               the venue's time of the ticker answer (funding and mark)
 * @param oiTime           the venue's time of the open-interest row, which Bybit stamps by its own period: the age of
 *                         {@code oiNotional} and {@code oiTwoSided}
 */
public record FundingSnapshot(
        String symbol,
        BigDecimal oiNotional,
        BigDecimal oiTwoSided,
        BigDecimal fundingRate,
        BigDecimal fundingRate8h,
        int fundingIntervalH,
        BigDecimal fundingApr,
        long nextFundingTime,
        BigDecimal markPrice,
        long ts,
        long recvTime,
        long oiTime) {

    /** A snapshot whose open interest is stamped with the ticker's time. */
    public FundingSnapshot(
            String symbol,
            BigDecimal oiNotional,
            BigDecimal oiTwoSided,
            BigDecimal fundingRate,
            BigDecimal fundingRate8h,
            int fundingIntervalH,
            BigDecimal fundingApr,
            long nextFundingTime,
            BigDecimal markPrice,
            long ts,
            long recvTime) {
        this(
                symbol,
                oiNotional,
                oiTwoSided,
                fundingRate,
                fundingRate8h,
                fundingIntervalH,
                fundingApr,
                nextFundingTime,
                markPrice,
                ts,
                recvTime,
                ts);
    }
}
