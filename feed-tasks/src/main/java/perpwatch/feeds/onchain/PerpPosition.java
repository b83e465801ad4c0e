package perpwatch.feeds.onchain;

import java.math.BigInteger;

/**
 * One of a user's 8 perp slots. Base in BASE precision (1e9, signed: > 0 long), quote amounts in QUOTE (1e6). An
 * isolated position's own collateral is {@code isolatedPositionScaledBalance}, a quote-market deposit in
 * SPOT_BALANCE precision (1e9), as a spot slot's scaled balance.
 */
public record PerpPosition(
        int marketIndex,
        long baseAssetAmount,
        long quoteAssetAmount,
        long quoteBreakEvenAmount,
        long quoteEntryAmount,
        long lastCumulativeFundingRate,
        long openBids,
        long openAsks,
        int openOrders,
        int maxMarginRatio,
        int positionFlag,
        BigInteger isolatedPositionScaledBalance) {
    public static final int FLAG_ISOLATED = 1;

    /** A slot without isolated collateral: every cross position, and programs that have none. */
    public PerpPosition(
            int marketIndex,
            long baseAssetAmount,
            long quoteAssetAmount,
            long quoteBreakEvenAmount,
            long quoteEntryAmount,
            long lastCumulativeFundingRate,
            long openBids,
            long openAsks,
            int openOrders,
            int maxMarginRatio,
            int positionFlag) {
        this(
                marketIndex,
                baseAssetAmount,
                quoteAssetAmount,
                quoteBreakEvenAmount,
                quoteEntryAmount,
                lastCumulativeFundingRate,
                openBids,
                openAsks,
                openOrders,
                maxMarginRatio,
                positionFlag,
                BigInteger.ZERO);
    }

    /** The SDK's active-position test (isolated collateral not counted: this program version's cross accounts). */
    public boolean active() {
        return baseAssetAmount != 0 || quoteAssetAmount != 0 || openOrders != 0;
    }

    public boolean isolated() {
        return (positionFlag & FLAG_ISOLATED) != 0;
    }
}
