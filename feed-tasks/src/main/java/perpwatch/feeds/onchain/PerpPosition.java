package perpwatch.feeds.onchain;

/** One of a user's 8 perp slots. Base in BASE precision (1e9, signed: > 0 long), quote amounts in QUOTE (1e6). */
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
        int positionFlag) {
    public static final int FLAG_ISOLATED = 1;

    /** The SDK's active-position test (isolated collateral not counted: this program version's cross accounts). */
    public boolean active() {
        return baseAssetAmount != 0 || quoteAssetAmount != 0 || openOrders != 0;
    }

    public boolean isolated() {
        return (positionFlag & FLAG_ISOLATED) != 0;
    }
}
