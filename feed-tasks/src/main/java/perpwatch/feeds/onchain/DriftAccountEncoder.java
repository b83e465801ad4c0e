package perpwatch.feeds.onchain;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import perpwatch.feeds.solana.Base58;

/**
 * Records → account bytes at {@link DriftLayout}'s offsets: the decoders' inverse. Fields the decoders do not read
 * stay zero. Used to build test accounts and the local Solana RPC simulator's population.
 */
public final class DriftAccountEncoder {
    private DriftAccountEncoder() {}

    public static byte[] user(DriftUser u) {
        ByteBuffer b = AccountWriter.buffer(DriftLayout.User.SIZE, DriftLayout.USER_DISCRIMINATOR);
        b.position(DriftLayout.User.AUTHORITY);
        b.put(Base58.decode(u.authority()));
        List<SpotPosition> spots = u.spotPositions();
        for (int i = 0; i < spots.size(); i++) {
            SpotPosition s = spots.get(i);
            int o = DriftLayout.User.SPOT_POSITIONS + i * DriftLayout.SpotPosition.SIZE;
            AccountWriter.u64(b, o + DriftLayout.SpotPosition.SCALED_BALANCE, s.scaledBalance());
            b.putLong(o + DriftLayout.SpotPosition.OPEN_BIDS, s.openBids());
            b.putLong(o + DriftLayout.SpotPosition.OPEN_ASKS, s.openAsks());
            b.putShort(o + DriftLayout.SpotPosition.MARKET_INDEX, (short) s.marketIndex());
            b.put(o + DriftLayout.SpotPosition.BALANCE_TYPE, (byte) (s.borrow() ? 1 : 0));
            b.put(o + DriftLayout.SpotPosition.OPEN_ORDERS, (byte) s.openOrders());
        }
        List<PerpPosition> perps = u.perpPositions();
        for (int i = 0; i < perps.size(); i++) {
            PerpPosition p = perps.get(i);
            int o = DriftLayout.User.PERP_POSITIONS + i * DriftLayout.PerpPosition.SIZE;
            b.putLong(o + DriftLayout.PerpPosition.LAST_CUMULATIVE_FUNDING_RATE, p.lastCumulativeFundingRate());
            b.putLong(o + DriftLayout.PerpPosition.BASE_ASSET_AMOUNT, p.baseAssetAmount());
            b.putLong(o + DriftLayout.PerpPosition.QUOTE_ASSET_AMOUNT, p.quoteAssetAmount());
            b.putLong(o + DriftLayout.PerpPosition.QUOTE_BREAK_EVEN_AMOUNT, p.quoteBreakEvenAmount());
            b.putLong(o + DriftLayout.PerpPosition.QUOTE_ENTRY_AMOUNT, p.quoteEntryAmount());
            b.putLong(o + DriftLayout.PerpPosition.OPEN_BIDS, p.openBids());
            b.putLong(o + DriftLayout.PerpPosition.OPEN_ASKS, p.openAsks());
            b.putShort(o + DriftLayout.PerpPosition.MAX_MARGIN_RATIO, (short) p.maxMarginRatio());
            b.putShort(o + DriftLayout.PerpPosition.MARKET_INDEX, (short) p.marketIndex());
            b.put(o + DriftLayout.PerpPosition.OPEN_ORDERS, (byte) p.openOrders());
            b.put(o + DriftLayout.PerpPosition.POSITION_FLAG, (byte) p.positionFlag());
        }
        b.putLong(DriftLayout.User.LAST_ACTIVE_SLOT, u.lastActiveSlot());
        b.putInt(DriftLayout.User.MAX_MARGIN_RATIO, u.maxMarginRatio());
        b.putShort(DriftLayout.User.SUB_ACCOUNT_ID, (short) u.subAccountId());
        b.put(DriftLayout.User.STATUS, (byte) u.status());
        b.put(DriftLayout.User.IDLE, (byte) (u.idle() ? 1 : 0));
        b.put(DriftLayout.User.MARGIN_MODE, (byte) u.marginMode());
        return b.array();
    }

    public static byte[] perpMarket(PerpMarketAccount m) {
        ByteBuffer b = AccountWriter.buffer(DriftLayout.PerpMarket.SIZE, DriftLayout.PERP_MARKET_DISCRIMINATOR);
        b.position(DriftLayout.PerpMarket.PUBKEY);
        b.put(Base58.decode(m.pubkey()));
        b.position(DriftLayout.PerpMarket.AMM_ORACLE);
        b.put(Base58.decode(m.oracle()));
        b.putLong(DriftLayout.PerpMarket.AMM_LAST_ORACLE_PRICE, m.lastOraclePrice());
        AccountWriter.u128(b, DriftLayout.PerpMarket.AMM_CUMULATIVE_FUNDING_RATE_LONG, m.cumulativeFundingRateLong());
        AccountWriter.u128(b, DriftLayout.PerpMarket.AMM_CUMULATIVE_FUNDING_RATE_SHORT, m.cumulativeFundingRateShort());
        b.putLong(DriftLayout.PerpMarket.AMM_MM_ORACLE_PRICE, m.mmOraclePrice());
        b.put(DriftLayout.PerpMarket.AMM_ORACLE_SOURCE, (byte) m.oracleSource());
        AccountWriter.name(b, DriftLayout.PerpMarket.NAME, m.name());
        b.putInt(DriftLayout.PerpMarket.IMF_FACTOR, (int) m.imfFactor());
        b.putInt(DriftLayout.PerpMarket.MARGIN_RATIO_INITIAL, (int) m.marginRatioInitial());
        b.putInt(DriftLayout.PerpMarket.MARGIN_RATIO_MAINTENANCE, (int) m.marginRatioMaintenance());
        b.putInt(DriftLayout.PerpMarket.UNREALIZED_PNL_MAINTENANCE_ASSET_WEIGHT, (int)
                m.unrealizedPnlMaintenanceAssetWeight());
        b.putShort(DriftLayout.PerpMarket.MARKET_INDEX, (short) m.marketIndex());
        b.put(DriftLayout.PerpMarket.STATUS, (byte) DriftLayout.MARKET_STATUS.indexOf(m.status()));
        b.put(DriftLayout.PerpMarket.CONTRACT_TYPE, (byte) m.contractType());
        b.putShort(
                DriftLayout.PerpMarket.HIGH_LEVERAGE_MARGIN_RATIO_INITIAL, (short) m.highLeverageMarginRatioInitial());
        b.putShort(DriftLayout.PerpMarket.HIGH_LEVERAGE_MARGIN_RATIO_MAINTENANCE, (short)
                m.highLeverageMarginRatioMaintenance());
        return b.array();
    }

    public static byte[] spotMarket(SpotMarketAccount m) {
        ByteBuffer b = AccountWriter.buffer(DriftLayout.SpotMarket.SIZE, DriftLayout.SPOT_MARKET_DISCRIMINATOR);
        b.position(DriftLayout.SpotMarket.PUBKEY);
        b.put(Base58.decode(m.pubkey()));
        b.position(DriftLayout.SpotMarket.ORACLE);
        b.put(Base58.decode(m.oracle()));
        AccountWriter.name(b, DriftLayout.SpotMarket.NAME, m.name());
        b.putLong(DriftLayout.SpotMarket.LAST_ORACLE_PRICE, m.lastOraclePrice());
        AccountWriter.u128(b, DriftLayout.SpotMarket.CUMULATIVE_DEPOSIT_INTEREST, m.cumulativeDepositInterest());
        AccountWriter.u128(b, DriftLayout.SpotMarket.CUMULATIVE_BORROW_INTEREST, m.cumulativeBorrowInterest());
        b.putInt(DriftLayout.SpotMarket.MAINTENANCE_ASSET_WEIGHT, (int) m.maintenanceAssetWeight());
        b.putInt(DriftLayout.SpotMarket.MAINTENANCE_LIABILITY_WEIGHT, (int) m.maintenanceLiabilityWeight());
        b.putInt(DriftLayout.SpotMarket.IMF_FACTOR, (int) m.imfFactor());
        b.putInt(DriftLayout.SpotMarket.DECIMALS, m.decimals());
        b.putShort(DriftLayout.SpotMarket.MARKET_INDEX, (short) m.marketIndex());
        b.put(DriftLayout.SpotMarket.ORACLE_SOURCE, (byte) m.oracleSource());
        return b.array();
    }

    /** A Pyth receiver PriceUpdateV2 account, Full (1) or Partial (0) verification. */
    public static byte[] priceUpdateV2(long price, int exponent, long publishTime, long slot, boolean full) {
        ByteBuffer b = ByteBuffer.allocate(134).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[8]).put(new byte[32]);
        b.put((byte) (full ? 1 : 0));
        if (!full) {
            b.put((byte) 5);
        }
        b.put(new byte[32]);
        b.putLong(price)
                .putLong(1_000)
                .putInt(exponent)
                .putLong(publishTime)
                .putLong(publishTime - 1)
                .putLong(price)
                .putLong(1_000)
                .putLong(slot);
        return b.array();
    }

    public static byte[] pythLazer(long price, int exponent, long publishTime, long slot) {
        ByteBuffer b = ByteBuffer.allocate(DriftLayout.PythLazerOracle.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(DriftLayout.PythLazerOracle.PRICE, price);
        b.putLong(DriftLayout.PythLazerOracle.PUBLISH_TIME, publishTime);
        b.putLong(DriftLayout.PythLazerOracle.POSTED_SLOT, slot);
        b.putInt(DriftLayout.PythLazerOracle.EXPONENT, exponent);
        return b.array();
    }
}
