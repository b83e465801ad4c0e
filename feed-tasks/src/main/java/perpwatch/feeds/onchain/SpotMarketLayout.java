package perpwatch.feeds.onchain;

/** Where a {@code SpotMarket} account's fields sit, for one account size. */
public record SpotMarketLayout(
        int size,
        int pubkey,
        int oracle,
        int name,
        int lastOraclePrice,
        int cumulativeDepositInterest,
        int cumulativeBorrowInterest,
        int maintenanceAssetWeight,
        int maintenanceLiabilityWeight,
        int imfFactor,
        int decimals,
        int marketIndex,
        int oracleSource,
        int status) {}
