package perpwatch.feeds.onchain;

import perpwatch.feeds.onchain.DriftLayout.SpotMarket;

/** Drift {@code SpotMarket} account bytes → {@link SpotMarketAccount}. */
public final class SpotMarketDecoder {
    private SpotMarketDecoder() {
    }

    public static SpotMarketAccount decode(byte[] data) {
        AccountBytes.expect(data, SpotMarket.SIZE, DriftLayout.SPOT_MARKET_DISCRIMINATOR, "SpotMarket");
        AccountBytes b = new AccountBytes(data);
        return new SpotMarketAccount(b.pubkey(SpotMarket.PUBKEY), b.u16(SpotMarket.MARKET_INDEX), b.name(SpotMarket.NAME),
                b.pubkey(SpotMarket.ORACLE), b.u8(SpotMarket.ORACLE_SOURCE), b.i64(SpotMarket.LAST_ORACLE_PRICE),
                b.u128(SpotMarket.CUMULATIVE_DEPOSIT_INTEREST), b.u128(SpotMarket.CUMULATIVE_BORROW_INTEREST),
                b.u32(SpotMarket.MAINTENANCE_ASSET_WEIGHT), b.u32(SpotMarket.MAINTENANCE_LIABILITY_WEIGHT),
                b.u32(SpotMarket.IMF_FACTOR), (int) b.u32(SpotMarket.DECIMALS));
    }
}
