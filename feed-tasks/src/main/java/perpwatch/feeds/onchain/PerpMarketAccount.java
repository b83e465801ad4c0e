package perpwatch.feeds.onchain;

import java.math.BigInteger;

/**
 * What margin math needs of a Drift {@code PerpMarket}. Ratios in MARGIN precision (1e4), weights in 1e4, prices in
 * PRICE precision (1e6), cumulative funding rates in FUNDING_RATE precision × 1e3 buffer.
 */
public record PerpMarketAccount(
        String pubkey,
        int marketIndex,
        String name,
        String oracle,
        int oracleSource,
        long lastOraclePrice,
        long mmOraclePrice,
        BigInteger cumulativeFundingRateLong,
        BigInteger cumulativeFundingRateShort,
        long imfFactor,
        long marginRatioInitial,
        long marginRatioMaintenance,
        long unrealizedPnlMaintenanceAssetWeight,
        MarketStatus status,
        int contractType,
        int highLeverageMarginRatioInitial,
        int highLeverageMarginRatioMaintenance) {}
