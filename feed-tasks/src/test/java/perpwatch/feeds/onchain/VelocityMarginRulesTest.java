package perpwatch.feeds.onchain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Velocity's rules where they part from Drift's, on hand-computed numbers. The SDK golden vectors cannot tell these
 * apart (they are built where the npm build and velocity-v1 agree), so each difference is pinned here on its own.
 */
class VelocityMarginRulesTest {
    private static final long USD = 1_000_000L;

    @Test
    void theQuoteMarketCountsAtTokenValueUnderVelocityAndWeightedUnderDrift() {
        SpotMarketAccount usdc = DriftFixtures.usdcSpot();
        SpotMarketAccount discounted = new SpotMarketAccount(
                usdc.pubkey(),
                0,
                "USDT",
                usdc.oracle(),
                usdc.oracleSource(),
                usdc.lastOraclePrice(),
                usdc.cumulativeDepositInterest(),
                usdc.cumulativeBorrowInterest(),
                9_500,
                10_500,
                0,
                6);
        MarketContext ctx = context(discounted);
        DriftUser drift = DriftFixtures.user(List.of(DriftFixtures.usdcDeposit(1_000 * USD)), List.of());

        assertEquals(
                BigInteger.valueOf(950 * USD),
                LiquidationPriceCalculator.margin(drift, ctx).orElseThrow().totalCollateral());
        assertEquals(
                BigInteger.valueOf(1_000 * USD),
                LiquidationPriceCalculator.margin(velocity(drift), ctx)
                        .orElseThrow()
                        .totalCollateral());
    }

    @Test
    void aBorrowsValueRoundsAgainstTheBorrowerUnderVelocity() {
        // 1 lamport short of 2 SOL at $150: 299.99999985 USD, 299,999,999.85 quote units.
        DriftUser drift = DriftFixtures.user(
                List.of(DriftFixtures.usdcDeposit(1_000 * USD), DriftFixtures.solSpot(1_999_999_999L, false)),
                List.of());
        MarketContext ctx = DriftFixtures.context(150 * USD);
        // SOL's liability weight is 1.1 (no IMF): Drift truncates to 299,999,999 first, Velocity floors the negative
        // value to -300,000,000.
        assertEquals(
                BigInteger.valueOf(329_999_998L),
                LiquidationPriceCalculator.margin(drift, ctx).orElseThrow().marginRequirement());
        assertEquals(
                BigInteger.valueOf(330_000_000L),
                LiquidationPriceCalculator.margin(velocity(drift), ctx)
                        .orElseThrow()
                        .marginRequirement());
    }

    @Test
    void velocityHasNoHighLeverageMode() {
        PerpMarketAccount sol = DriftFixtures.solPerp();
        PerpMarketAccount withHighLeverage = new PerpMarketAccount(
                sol.pubkey(),
                0,
                sol.name(),
                sol.oracle(),
                sol.oracleSource(),
                sol.lastOraclePrice(),
                sol.mmOraclePrice(),
                sol.cumulativeFundingRateLong(),
                sol.cumulativeFundingRateShort(),
                0,
                500,
                300,
                10_000,
                MarketStatus.ACTIVE,
                0,
                100,
                50);
        MarketContext ctx = new MarketContext(
                Map.of(0, withHighLeverage),
                Map.of(0, DriftFixtures.usdcSpot()),
                Map.of(
                        new OracleKey(DriftFixtures.SOL_ORACLE, OracleDecoder.PYTH_LAZER),
                        DriftFixtures.live(150 * USD),
                        new OracleKey(DriftFixtures.USDC_ORACLE, OracleDecoder.PYTH_STABLE_COIN_PULL),
                        DriftFixtures.live(USD)));
        DriftUser base = DriftFixtures.user(
                List.of(DriftFixtures.usdcDeposit(1_000 * USD)),
                List.of(DriftFixtures.perp(0, 10_000_000_000L, -1_500 * USD)));
        DriftUser highLeverage = withRules(base, 1, MarginRules.DRIFT_V2);
        // $1,500 of SOL: 3 % is $45, the high-leverage 0.5 % is $7.50.
        assertEquals(
                BigInteger.valueOf(7_500_000L),
                LiquidationPriceCalculator.margin(highLeverage, ctx)
                        .orElseThrow()
                        .marginRequirement());
        assertEquals(
                BigInteger.valueOf(45 * USD),
                LiquidationPriceCalculator.margin(withRules(base, 1, MarginRules.VELOCITY), ctx)
                        .orElseThrow()
                        .marginRequirement());
    }

    private static MarketContext context(SpotMarketAccount quote) {
        return new MarketContext(
                Map.of(0, DriftFixtures.solPerp()),
                Map.of(0, quote),
                Map.of(
                        new OracleKey(quote.oracle(), quote.oracleSource()),
                        DriftFixtures.live(USD),
                        new OracleKey(DriftFixtures.SOL_ORACLE, OracleDecoder.PYTH_LAZER),
                        DriftFixtures.live(150 * USD)));
    }

    private static DriftUser velocity(DriftUser u) {
        return withRules(u, u.marginMode(), MarginRules.VELOCITY);
    }

    private static DriftUser withRules(DriftUser u, int marginMode, MarginRules rules) {
        return new DriftUser(
                u.authority(),
                u.subAccountId(),
                u.status(),
                u.idle(),
                marginMode,
                u.maxMarginRatio(),
                u.lastActiveSlot(),
                u.spotPositions(),
                u.perpPositions(),
                rules);
    }
}
