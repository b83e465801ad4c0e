package perpwatch.feeds.onchain;

import java.util.List;

/** {@code PerpMarket} account bytes → {@link PerpMarketAccount}, by the layout the account's size names. */
final class PerpMarketDecoder {
    private PerpMarketDecoder() {}

    static PerpMarketAccount decode(PerpMarketLayout l, List<MarketStatus> statuses, byte[] data) {
        AccountBytes b = new AccountBytes(data);
        return new PerpMarketAccount(
                b.pubkey(l.pubkey()),
                b.u16(l.marketIndex()),
                b.name(l.name()),
                b.pubkey(l.oracle()),
                b.u8(l.oracleSource()),
                b.i64OrZero(l.lastOraclePrice()),
                b.i64OrZero(l.mmOraclePrice()),
                b.i128(l.cumulativeFundingRateLong()),
                b.i128(l.cumulativeFundingRateShort()),
                b.u32(l.imfFactor()),
                b.u32(l.marginRatioInitial()),
                b.u32(l.marginRatioMaintenance()),
                b.u32(l.unrealizedPnlMaintenanceAssetWeight()),
                status(statuses, b.u8(l.status()), "PerpMarket"),
                b.u8(l.contractType()),
                b.u16OrZero(l.highLeverageMarginRatioInitial()),
                b.u16OrZero(l.highLeverageMarginRatioMaintenance()));
    }

    /** A status byte the profile does not know refuses the market: its margin rules depend on it. */
    static MarketStatus status(List<MarketStatus> statuses, int code, String account) {
        if (code >= statuses.size()) {
            throw new DriftDecodeException(account + ": unknown market status " + code);
        }
        return statuses.get(code);
    }
}
