package perpwatch.feeds.onchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiquidationPriceCalculatorTest {
    static final long SOL = 1_000_000_000L;
    static final long USD = 1_000_000L;
    final LiquidationPriceCalculator calculator = new LiquidationPriceCalculator();

    @Test
    void longWithUsdcCollateralMatchesTheClosedForm() {
        // 1,000 USDC, long 10 SOL entered at 140, oracle 150: collateral 1,100, maintenance 3 % of 1,500 = 45.
        DriftUser user = DriftFixtures.user(
                List.of(DriftFixtures.usdcDeposit(1_000 * USD)),
                List.of(DriftFixtures.perp(0, 10 * SOL, -1_400 * USD)));
        LiqPosition p = calculator.evaluate("u1", user, 0, DriftFixtures.context(150 * USD));
        double expected = 150 - 1_055 / (10 * (1 - 0.03));
        assertClose(expected, p.liqPrice().doubleValue());
        assertEquals("long", p.side());
        assertEquals(0, p.positionSize().compareTo(java.math.BigDecimal.TEN));
        assertEquals(0, p.entryPrice().compareTo(java.math.BigDecimal.valueOf(140)));
        assertEquals(0, p.collateral().compareTo(java.math.BigDecimal.valueOf(1_100)));
        assertClose((150 - expected) / 150 * 10_000, p.distanceBps().doubleValue());
        assertClose(1_500.0 / 1_100.0, p.leverage().doubleValue());
    }

    @Test
    void shortMovesTheOtherWay() {
        DriftUser user = DriftFixtures.user(
                List.of(DriftFixtures.usdcDeposit(1_000 * USD)),
                List.of(DriftFixtures.perp(0, -10 * SOL, 1_600 * USD)));
        LiqPosition p = calculator.evaluate("u2", user, 0, DriftFixtures.context(150 * USD));
        assertClose(150 + 1_055 / (10 * (1 + 0.03)), p.liqPrice().doubleValue());
        assertEquals("short", p.side());
    }

    @Test
    void unsettledFundingCountsAgainstTheCollateral() {
        PerpPosition owing = new PerpPosition(
                0,
                10 * SOL,
                -1_400 * USD,
                -1_400 * USD,
                -1_400 * USD,
                1_234_567_890_123L - 5_000_000_000L,
                0,
                0,
                0,
                0,
                0);
        DriftUser user = DriftFixtures.user(List.of(DriftFixtures.usdcDeposit(1_000 * USD)), List.of(owing));
        LiqPosition p = calculator.evaluate("u3", user, 0, DriftFixtures.context(150 * USD));
        // cumulative long rate moved 5e9 (1e9 × 1e3 buffer) since the position settled: 10 SOL owe 50 USD.
        assertClose(150 - 1_005 / (10 * 0.97), p.liqPrice().doubleValue());
    }

    @Test
    void atTheLiquidationPriceFreeCollateralIsZero() {
        // USDC and a SOL spot deposit (same oracle as SOL-PERP), a BTC short elsewhere, a SOL-PERP long.
        DriftUser user = DriftFixtures.user(
                List.of(DriftFixtures.usdcDeposit(2_000 * USD), DriftFixtures.solSpot(3 * SOL, true)),
                List.of(DriftFixtures.perp(0, 40 * SOL, -5_800 * USD), DriftFixtures.perp(1, -SOL / 100, 950 * USD)));
        LiqPosition p = calculator.evaluate("u4", user, 0, DriftFixtures.context(150 * USD));
        assertTrue(p.hasLiqPrice() && p.liqPrice().doubleValue() < 150, String.valueOf(p));
        long liq = p.liqPrice().movePointRight(6).longValueExact();
        LiquidationPriceCalculator.Margin at = LiquidationPriceCalculator.margin(user, DriftFixtures.context(liq))
                .orElseThrow();
        BigInteger free = at.totalCollateral().subtract(at.marginRequirement());
        assertTrue(
                free.abs().compareTo(BigInteger.valueOf(100)) <= 0,
                "free collateral at the liquidation price: " + free + " µUSD");
        LiquidationPriceCalculator.Margin above = LiquidationPriceCalculator.margin(
                        user, DriftFixtures.context(liq + USD))
                .orElseThrow();
        assertTrue(
                above.totalCollateral().compareTo(above.marginRequirement()) > 0,
                "a dollar above it the account is safe");
    }

    @Test
    void aSolBorrowMakesALongLiquidateSooner() {
        DriftUser plain = DriftFixtures.user(
                List.of(DriftFixtures.usdcDeposit(3_000 * USD)),
                List.of(DriftFixtures.perp(0, 40 * SOL, -6_000 * USD)));
        DriftUser borrowing = DriftFixtures.user(
                List.of(DriftFixtures.usdcDeposit(3_000 * USD), DriftFixtures.solSpot(2 * SOL, false)),
                List.of(DriftFixtures.perp(0, 40 * SOL, -6_000 * USD)));
        double a = calculator
                .evaluate("a", plain, 0, DriftFixtures.context(150 * USD))
                .liqPrice()
                .doubleValue();
        LiqPosition b = calculator.evaluate("b", borrowing, 0, DriftFixtures.context(150 * USD));
        assertTrue(b.liqPrice().doubleValue() > a, a + " vs " + b.liqPrice());
    }

    @Test
    void positionsWithoutALiquidationPriceSayWhy() {
        DriftUser rich = DriftFixtures.user(
                List.of(DriftFixtures.usdcDeposit(1_000_000 * USD)),
                List.of(DriftFixtures.perp(0, SOL / 10, -15 * USD)));
        LiqPosition p = calculator.evaluate("rich", rich, 0, DriftFixtures.context(150 * USD));
        assertNull(p.liqPrice());
        assertNull(p.distanceBps());
        assertEquals(LiqPosition.FULLY_COLLATERALIZED, p.noLiqReason());

        MarketContext noOracle =
                new MarketContext(Map.of(1, DriftFixtures.btcPerp()), Map.of(0, DriftFixtures.usdcSpot()), Map.of());
        DriftUser u = DriftFixtures.user(
                List.of(DriftFixtures.usdcDeposit(1_000 * USD)), List.of(DriftFixtures.perp(0, SOL, -150 * USD)));
        assertEquals(
                LiqPosition.MISSING_MARKET_DATA,
                calculator.evaluate("x", u, 0, noOracle).noLiqReason(),
                "no SOL-PERP market: never a made-up price");

        DriftUser isolated = DriftFixtures.user(
                List.of(),
                List.of(new PerpPosition(
                        0, SOL, -150 * USD, 0, -150 * USD, 0, 0, 0, 0, 0, PerpPosition.FLAG_ISOLATED)));
        assertEquals(
                LiqPosition.ISOLATED_POSITION,
                calculator
                        .evaluate("i", isolated, 0, DriftFixtures.context(150 * USD))
                        .noLiqReason());

        DriftUser btcOnly = DriftFixtures.user(
                List.of(DriftFixtures.usdcDeposit(1_000 * USD)), List.of(DriftFixtures.perp(1, SOL / 100, -900 * USD)));
        assertThrows(
                IllegalArgumentException.class,
                () -> calculator.evaluate("b", btcOnly, 0, DriftFixtures.context(150 * USD)));
    }

    @Test
    void theMarketsCachedPriceStandsInForAnUnreadableOracle() {
        MarketContext cached = new MarketContext(
                Map.of(0, DriftFixtures.solPerp()),
                Map.of(0, DriftFixtures.usdcSpot()),
                Map.of(
                        new OracleKey(DriftFixtures.USDC_ORACLE, OracleDecoder.PYTH_STABLE_COIN_PULL),
                        DriftFixtures.live(USD)));
        DriftUser user = DriftFixtures.user(
                List.of(DriftFixtures.usdcDeposit(1_000 * USD)),
                List.of(DriftFixtures.perp(0, 10 * SOL, -1_400 * USD)));
        assertClose(
                150 - 1_055 / 9.7,
                calculator.evaluate("c", user, 0, cached).liqPrice().doubleValue());
        assertEquals(
                OraclePrice.Source.MARKET_CACHE,
                cached.perpOracle(DriftFixtures.solPerp()).orElseThrow().source());
    }

    @Test
    void largePositionsNeedMoreMargin() {
        PerpMarketAccount m = DriftFixtures.solPerp();
        PerpMarketAccount withImf = new PerpMarketAccount(
                m.pubkey(),
                0,
                m.name(),
                m.oracle(),
                m.oracleSource(),
                m.lastOraclePrice(),
                m.mmOraclePrice(),
                m.cumulativeFundingRateLong(),
                m.cumulativeFundingRateShort(),
                2_000,
                500,
                300,
                10_000,
                MarketStatus.ACTIVE,
                0,
                0,
                0);
        BigInteger small = MarginMath.maintenanceMarginRatio(withImf, BigInteger.valueOf(SOL), false);
        BigInteger large = MarginMath.maintenanceMarginRatio(withImf, BigInteger.valueOf(1_000_000 * SOL), false);
        assertEquals(BigInteger.valueOf(300), small, "a small position pays the market's ratio");
        assertTrue(large.compareTo(small) > 0, "a million SOL pays more: " + large);
        PerpMarketAccount settling = new PerpMarketAccount(
                m.pubkey(),
                0,
                m.name(),
                m.oracle(),
                m.oracleSource(),
                m.lastOraclePrice(),
                m.mmOraclePrice(),
                m.cumulativeFundingRateLong(),
                m.cumulativeFundingRateShort(),
                0,
                500,
                300,
                10_000,
                MarketStatus.SETTLEMENT,
                0,
                0,
                0);
        assertEquals(BigInteger.ZERO, MarginMath.maintenanceMarginRatio(settling, BigInteger.valueOf(SOL), false));
    }

    private static void assertClose(double expected, double actual) {
        assertTrue(
                Math.abs(expected - actual) <= Math.abs(expected) * 1e-6, "expected " + expected + ", got " + actual);
    }
}
