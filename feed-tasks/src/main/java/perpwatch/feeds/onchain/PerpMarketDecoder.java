package perpwatch.feeds.onchain;

import perpwatch.feeds.onchain.DriftLayout.PerpMarket;

/** Drift {@code PerpMarket} account bytes → {@link PerpMarketAccount}. */
public final class PerpMarketDecoder {
    private PerpMarketDecoder() {
    }

    public static PerpMarketAccount decode(byte[] data) {
        AccountBytes.expect(data, PerpMarket.SIZE, DriftLayout.PERP_MARKET_DISCRIMINATOR, "PerpMarket");
        AccountBytes b = new AccountBytes(data);
        return new PerpMarketAccount(b.pubkey(PerpMarket.PUBKEY), b.u16(PerpMarket.MARKET_INDEX), b.name(PerpMarket.NAME),
                b.pubkey(PerpMarket.AMM_ORACLE), b.u8(PerpMarket.AMM_ORACLE_SOURCE), b.i64(PerpMarket.AMM_LAST_ORACLE_PRICE),
                b.i64(PerpMarket.AMM_MM_ORACLE_PRICE), b.i128(PerpMarket.AMM_CUMULATIVE_FUNDING_RATE_LONG),
                b.i128(PerpMarket.AMM_CUMULATIVE_FUNDING_RATE_SHORT), b.u32(PerpMarket.IMF_FACTOR),
                b.u32(PerpMarket.MARGIN_RATIO_INITIAL), b.u32(PerpMarket.MARGIN_RATIO_MAINTENANCE),
                b.u32(PerpMarket.UNREALIZED_PNL_MAINTENANCE_ASSET_WEIGHT), b.u8(PerpMarket.STATUS), b.u8(PerpMarket.CONTRACT_TYPE),
                b.u16(PerpMarket.HIGH_LEVERAGE_MARGIN_RATIO_INITIAL), b.u16(PerpMarket.HIGH_LEVERAGE_MARGIN_RATIO_MAINTENANCE));
    }
}
