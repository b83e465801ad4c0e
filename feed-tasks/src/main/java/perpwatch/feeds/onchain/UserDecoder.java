package perpwatch.feeds.onchain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code User} account bytes → {@link DriftUser}, by the layout the profile names for the account's size, stamped with
 * the margin rules of the program that owns the account.
 */
final class UserDecoder {
    private UserDecoder() {}

    static DriftUser decode(UserLayout layout, MarginRules rules, byte[] data) {
        AccountBytes b = new AccountBytes(data);
        SpotPositionLayout sp = layout.spot();
        List<SpotPosition> spots = new ArrayList<>(UserLayout.SPOT_POSITION_COUNT);
        for (int i = 0; i < UserLayout.SPOT_POSITION_COUNT; i++) {
            int o = layout.spotPositions() + i * sp.size();
            spots.add(new SpotPosition(
                    b.u16(o + sp.marketIndex()),
                    b.u64(o + sp.scaledBalance()),
                    b.u8(o + sp.balanceType()) == 1,
                    b.i64(o + sp.openBids()),
                    b.i64(o + sp.openAsks()),
                    b.u8(o + sp.openOrders())));
        }
        PerpPositionLayout pp = layout.perp();
        List<PerpPosition> perps = new ArrayList<>(UserLayout.PERP_POSITION_COUNT);
        for (int i = 0; i < UserLayout.PERP_POSITION_COUNT; i++) {
            int o = layout.perpPositions() + i * pp.size();
            int openOrders = pp.openOrdersWidth() == 2 ? b.u16(o + pp.openOrders()) : b.u8(o + pp.openOrders());
            perps.add(new PerpPosition(
                    b.u16(o + pp.marketIndex()),
                    b.i64(o + pp.baseAssetAmount()),
                    b.i64(o + pp.quoteAssetAmount()),
                    b.i64(o + pp.quoteBreakEvenAmount()),
                    b.i64(o + pp.quoteEntryAmount()),
                    b.i64(o + pp.lastCumulativeFundingRate()),
                    b.i64(o + pp.openBids()),
                    b.i64(o + pp.openAsks()),
                    openOrders,
                    b.u16(o + pp.maxMarginRatio()),
                    b.u8(o + pp.positionFlag()),
                    pp.isolatedPositionScaledBalance() == AccountLayouts.ABSENT
                            ? BigInteger.ZERO
                            : b.u64(o + pp.isolatedPositionScaledBalance())));
        }
        int marginMode = layout.marginMode() == AccountLayouts.ABSENT
                ? DriftUser.MARGIN_MODE_DEFAULT
                : b.u8(layout.marginMode());
        return new DriftUser(
                b.publicKey(layout.authority()),
                b.u16(layout.subAccountId()),
                b.u8(layout.status()),
                b.bool(layout.idle()),
                marginMode,
                (int) b.u32(layout.maxMarginRatio()),
                b.i64(layout.lastActiveSlot()),
                List.copyOf(spots),
                List.copyOf(perps),
                rules);
    }

    /**
     * Whether the account holds a non-zero base position in {@code marketIndex}, reading only the 8 perp slots: a
     * scan meets hundreds of thousands of users and most hold nothing in SOL-PERP.
     */
    static boolean hasPerpPosition(UserLayout layout, byte[] data, int marketIndex) {
        PerpPositionLayout pp = layout.perp();
        for (int i = 0; i < UserLayout.PERP_POSITION_COUNT; i++) {
            int o = layout.perpPositions() + i * pp.size();
            int market = (data[o + pp.marketIndex()] & 0xff) | (data[o + pp.marketIndex() + 1] & 0xff) << 8;
            if (market == marketIndex && AccountBytes.i64(data, o + pp.baseAssetAmount()) != 0) {
                return true;
            }
        }
        return false;
    }
}
