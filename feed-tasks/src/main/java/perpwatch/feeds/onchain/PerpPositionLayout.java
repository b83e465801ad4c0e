package perpwatch.feeds.onchain;

/**
 * Offsets inside one perp-position slot of a User account.
 *
 * @param openOrdersWidth 1 or 2 bytes: Velocity widened the counter to u16 in its 4,560-byte User
 */
public record PerpPositionLayout(
        int size,
        int lastCumulativeFundingRate,
        int baseAssetAmount,
        int quoteAssetAmount,
        int quoteBreakEvenAmount,
        int quoteEntryAmount,
        int openBids,
        int openAsks,
        int isolatedPositionScaledBalance,
        int maxMarginRatio,
        int marketIndex,
        int openOrders,
        int openOrdersWidth,
        int positionFlag) {}
