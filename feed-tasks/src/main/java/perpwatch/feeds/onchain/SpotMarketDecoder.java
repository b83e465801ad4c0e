package perpwatch.feeds.onchain;

/** {@code SpotMarket} account bytes → {@link SpotMarketAccount}, by the layout the account's size names. */
final class SpotMarketDecoder {
    private SpotMarketDecoder() {}

    static SpotMarketAccount decode(SpotMarketLayout l, byte[] data) {
        AccountBytes b = new AccountBytes(data);
        return new SpotMarketAccount(
                b.pubkey(l.pubkey()),
                b.u16(l.marketIndex()),
                b.name(l.name()),
                b.pubkey(l.oracle()),
                b.u8(l.oracleSource()),
                b.i64(l.lastOraclePrice()),
                b.u128(l.cumulativeDepositInterest()),
                b.u128(l.cumulativeBorrowInterest()),
                b.u32(l.maintenanceAssetWeight()),
                b.u32(l.maintenanceLiabilityWeight()),
                b.u32(l.imfFactor()),
                (int) b.u32(l.decimals()));
    }
}
