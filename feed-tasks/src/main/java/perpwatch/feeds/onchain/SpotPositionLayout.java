package perpwatch.feeds.onchain;

/** Offsets inside one spot-position slot of a User account. */
public record SpotPositionLayout(
        int size, int scaledBalance, int openBids, int openAsks, int marketIndex, int balanceType, int openOrders) {}
