package perpwatch.feeds.onchain;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import perpwatch.feeds.solana.Base58;

/**
 * Records → Velocity account bytes at {@link VelocityLayout}'s offsets, for whichever deployed size is asked for: the
 * decoders' inverse, written from the same layout tables so the two cannot drift apart. Fields the decoders do not
 * read stay zero. Used by tests and the local Solana RPC simulator's Velocity population.
 */
public final class VelocityAccountEncoder {
    /** The User sizes Velocity has deployed: the current one, and the older one some accounts still have. */
    public static final int USER_CURRENT = VelocityLayout.USER_4560.size();

    public static final int USER_OLDER = VelocityLayout.USER_4496.size();
    public static final int PERP_MARKET_SIZE = 1560;
    public static final int SPOT_MARKET_SIZE = 1064;
    public static final int STATE_SIZE = 1688;
    public static final String PROGRAM_ID = VelocityLayout.PROGRAM_ID;

    private VelocityAccountEncoder() {}

    /** A User in the layout of {@code size} ({@link #USER_CURRENT} or {@link #USER_OLDER}). */
    public static byte[] user(DriftUser u, int size) {
        UserLayout l = VelocityLayout.ACCOUNTS.user(new byte[size]);
        ByteBuffer b = AccountWriter.buffer(size, Discriminators.USER);
        b.position(l.authority());
        b.put(Base58.decode(u.authority()));
        SpotPositionLayout sl = l.spot();
        List<SpotPosition> spots = u.spotPositions();
        for (int i = 0; i < spots.size(); i++) {
            SpotPosition s = spots.get(i);
            int o = l.spotPositions() + i * sl.size();
            b.putLong(o + sl.scaledBalance(), s.scaledBalance().longValue());
            b.putLong(o + sl.openBids(), s.openBids());
            b.putLong(o + sl.openAsks(), s.openAsks());
            b.putShort(o + sl.marketIndex(), (short) s.marketIndex());
            b.put(o + sl.balanceType(), (byte) (s.borrow() ? 1 : 0));
            b.put(o + sl.openOrders(), (byte) s.openOrders());
        }
        PerpPositionLayout pl = l.perp();
        List<PerpPosition> perps = u.perpPositions();
        for (int i = 0; i < perps.size(); i++) {
            PerpPosition p = perps.get(i);
            int o = l.perpPositions() + i * pl.size();
            b.putLong(o + pl.lastCumulativeFundingRate(), p.lastCumulativeFundingRate());
            b.putLong(o + pl.baseAssetAmount(), p.baseAssetAmount());
            b.putLong(o + pl.quoteAssetAmount(), p.quoteAssetAmount());
            b.putLong(o + pl.quoteBreakEvenAmount(), p.quoteBreakEvenAmount());
            b.putLong(o + pl.quoteEntryAmount(), p.quoteEntryAmount());
            b.putLong(o + pl.openBids(), p.openBids());
            b.putLong(o + pl.openAsks(), p.openAsks());
            b.putShort(o + pl.maxMarginRatio(), (short) p.maxMarginRatio());
            b.putShort(o + pl.marketIndex(), (short) p.marketIndex());
            if (pl.openOrdersWidth() == 2) {
                b.putShort(o + pl.openOrders(), (short) p.openOrders());
            } else {
                b.put(o + pl.openOrders(), (byte) p.openOrders());
            }
            b.put(o + pl.positionFlag(), (byte) p.positionFlag());
        }
        b.putLong(l.lastActiveSlot(), u.lastActiveSlot());
        b.putInt(l.maxMarginRatio(), u.maxMarginRatio());
        b.putShort(l.subAccountId(), (short) u.subAccountId());
        b.put(l.status(), (byte) u.status());
        b.put(l.idle(), (byte) (u.idle() ? 1 : 0));
        return b.array();
    }

    /** A PerpMarket of {@link #PERP_MARKET_SIZE} bytes; Velocity's cached oracle price has no confirmed offset. */
    public static byte[] perpMarket(PerpMarketAccount m) {
        PerpMarketLayout l = VelocityLayout.ACCOUNTS.perpMarket(new byte[PERP_MARKET_SIZE]);
        ByteBuffer b = AccountWriter.buffer(PERP_MARKET_SIZE, Discriminators.PERP_MARKET);
        AccountWriter.pubkey(b, l.pubkey(), m.pubkey());
        AccountWriter.pubkey(b, l.oracle(), m.oracle());
        b.put(l.oracleSource(), (byte) m.oracleSource());
        AccountWriter.u128(b, l.cumulativeFundingRateLong(), m.cumulativeFundingRateLong());
        AccountWriter.u128(b, l.cumulativeFundingRateShort(), m.cumulativeFundingRateShort());
        AccountWriter.name(b, l.name(), m.name());
        b.putInt(l.imfFactor(), (int) m.imfFactor());
        b.putInt(l.marginRatioInitial(), (int) m.marginRatioInitial());
        b.putInt(l.marginRatioMaintenance(), (int) m.marginRatioMaintenance());
        b.putInt(l.unrealizedPnlMaintenanceAssetWeight(), (int) m.unrealizedPnlMaintenanceAssetWeight());
        b.putShort(l.marketIndex(), (short) m.marketIndex());
        b.put(l.status(), (byte) VelocityLayout.MARKET_STATUS.indexOf(m.status()));
        b.put(l.contractType(), (byte) m.contractType());
        return b.array();
    }

    public static byte[] spotMarket(SpotMarketAccount m) {
        SpotMarketLayout l = VelocityLayout.ACCOUNTS.spotMarket(new byte[SPOT_MARKET_SIZE]);
        ByteBuffer b = AccountWriter.buffer(SPOT_MARKET_SIZE, Discriminators.SPOT_MARKET);
        AccountWriter.pubkey(b, l.pubkey(), m.pubkey());
        AccountWriter.pubkey(b, l.oracle(), m.oracle());
        AccountWriter.name(b, l.name(), m.name());
        b.putLong(l.lastOraclePrice(), m.lastOraclePrice());
        AccountWriter.u128(b, l.cumulativeDepositInterest(), m.cumulativeDepositInterest());
        AccountWriter.u128(b, l.cumulativeBorrowInterest(), m.cumulativeBorrowInterest());
        b.putInt(l.maintenanceAssetWeight(), (int) m.maintenanceAssetWeight());
        b.putInt(l.maintenanceLiabilityWeight(), (int) m.maintenanceLiabilityWeight());
        b.putInt(l.imfFactor(), (int) m.imfFactor());
        b.putInt(l.decimals(), m.decimals());
        b.putShort(l.marketIndex(), (short) m.marketIndex());
        b.put(l.oracleSource(), (byte) m.oracleSource());
        b.put(l.status(), (byte) VelocityLayout.MARKET_STATUS.indexOf(MarketStatus.ACTIVE));
        return b.array();
    }

    /** The State account with its exchange-status bits ({@link ExchangeStatus}); everything else zero. */
    public static byte[] state(int exchangeStatus) {
        ByteBuffer b = AccountWriter.buffer(STATE_SIZE, Discriminators.STATE);
        b.put(VelocityLayout.ACCOUNTS.state(new byte[STATE_SIZE]).exchangeStatus(), (byte) exchangeStatus);
        return b.array();
    }

    /** Velocity's PythLazerOracle: its price, exponent and the slot it was posted at, with a zero confidence. */
    public static byte[] pythLazer(long price, int exponent, long publishTime, long postedSlot) {
        return pythLazer(price, exponent, publishTime, postedSlot, 0);
    }

    /** Velocity's PythLazerOracle with its confidence, in the price's units and exponent. */
    public static byte[] pythLazer(long price, int exponent, long publishTime, long postedSlot, long conf) {
        PythLazerOracleLayout l = VelocityLayout.ACCOUNTS.pythLazerOracle();
        ByteBuffer b = ByteBuffer.allocate(l.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(l.price(), price);
        b.putLong(l.publishTime(), publishTime);
        b.putLong(l.postedSlot(), postedSlot);
        b.putInt(l.exponent(), exponent);
        b.putLong(l.conf(), conf);
        return b.array();
    }
}
