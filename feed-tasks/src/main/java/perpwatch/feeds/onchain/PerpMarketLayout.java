package perpwatch.feeds.onchain;

/**
 * Where a {@code PerpMarket} account's fields sit, for one account size. Fields a program does not have (Velocity has
 * no high-leverage ratios) or whose place is not confirmed (Velocity's cached oracle price) are
 * {@link AccountLayouts#ABSENT}: they read as 0, which the margin math treats as "not there".
 */
public record PerpMarketLayout(
        int size,
        int pubkey,
        int oracle,
        int oracleSource,
        int lastOraclePrice,
        int mmOraclePrice,
        int cumulativeFundingRateLong,
        int cumulativeFundingRateShort,
        int name,
        int imfFactor,
        int marginRatioInitial,
        int marginRatioMaintenance,
        int unrealizedPnlMaintenanceAssetWeight,
        int marketIndex,
        int status,
        int contractType,
        int highLeverageMarginRatioInitial,
        int highLeverageMarginRatioMaintenance) {}
