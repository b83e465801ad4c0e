package perpwatch.feeds.onchain;

import java.math.BigInteger;

/** One of a user's 8 spot slots; {@code scaledBalance} is in SPOT_BALANCE precision (1e9), not tokens. */
public record SpotPosition(
        int marketIndex, BigInteger scaledBalance, boolean borrow, long openBids, long openAsks, int openOrders) {
    /** The SDK's isSpotPositionAvailable, negated: an empty slot also reads market 0, so check the balance. */
    public boolean active() {
        return scaledBalance.signum() != 0 || openOrders != 0;
    }
}
