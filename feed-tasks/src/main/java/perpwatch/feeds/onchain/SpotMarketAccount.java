package perpwatch.feeds.onchain;

import java.math.BigInteger;

/** What margin math needs of a Drift {@code SpotMarket}: interest (1e10), weights (1e4), IMF factor (1e6), decimals. */
public record SpotMarketAccount(
        String pubkey,
        int marketIndex,
        String name,
        String oracle,
        int oracleSource,
        long lastOraclePrice,
        BigInteger cumulativeDepositInterest,
        BigInteger cumulativeBorrowInterest,
        long maintenanceAssetWeight,
        long maintenanceLiabilityWeight,
        long imfFactor,
        int decimals) {}
