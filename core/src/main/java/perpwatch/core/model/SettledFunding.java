package perpwatch.core.model;

import java.math.BigDecimal;

/**
 * One funding print the venue settled (Bybit {@code /v5/market/funding/history}), as opposed to the ticker's
 * predicted rate in {@link FundingSnapshot}.
 *
 * @param fundingRate      the rate settled for one interval
 * @param fundingRate8h    the same rate scaled to 8 hours
 * @param fundingIntervalH the instrument's interval when the print was read
 * @param fundingApr       percent per year
 * @param ts               the settlement time ({@code fundingRateTimestamp}): one print per value
 */
public record SettledFunding(
        String symbol,
        BigDecimal fundingRate,
        BigDecimal fundingRate8h,
        int fundingIntervalH,
        BigDecimal fundingApr,
        long ts,
        long recvTime) {}
