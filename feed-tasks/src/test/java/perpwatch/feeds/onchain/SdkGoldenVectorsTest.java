package perpwatch.feeds.onchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Accounts encoded by the Drift SDK's own coder, and what the SDK's {@code User.liquidationPrice},
 * {@code getTotalCollateral} and {@code getMarginRequirement} answer for them (tools/drift-golden/generate.mjs,
 * SDK 2.156.0). Decoded fields must match exactly; the liquidation price within 1e-6 relative.
 */
class SdkGoldenVectorsTest {
    @Test
    void decodersAndMathAgreeWithTheSdk() throws Exception {
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("/drift/golden/vectors.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        assertEquals("2.156.0", golden.path("sdk").asText());
        Map<Integer, PerpMarketAccount> perps = new HashMap<>();
        for (JsonNode b64 : golden.path("perp_markets")) {
            PerpMarketAccount m = ProgramProfile.DRIFT_V2
                    .decoders()
                    .perpMarket(Base64.getDecoder().decode(b64.asText()));
            perps.put(m.marketIndex(), m);
        }
        Map<Integer, SpotMarketAccount> spots = new HashMap<>();
        for (JsonNode b64 : golden.path("spot_markets")) {
            SpotMarketAccount m = ProgramProfile.DRIFT_V2
                    .decoders()
                    .spotMarket(Base64.getDecoder().decode(b64.asText()));
            spots.put(m.marketIndex(), m);
        }
        PerpMarketAccount sol = perps.get(0);
        assertEquals("SOL-PERP", sol.name());
        assertEquals(300, sol.marginRatioMaintenance());
        assertEquals(450, sol.imfFactor());
        assertEquals(OracleDecoder.PYTH_LAZER, sol.oracleSource());
        assertEquals(new BigInteger("1234567890123"), sol.cumulativeFundingRateLong());
        assertEquals(9, spots.get(1).decimals());
        assertEquals(OracleDecoder.PYTH_STABLE_COIN_PULL, spots.get(0).oracleSource());

        Map<OracleKey, OraclePrice> oracles = new HashMap<>();
        JsonNode prices = golden.path("oracle_prices");
        perps.values().stream()
                .filter(m -> prices.has(m.oracle()))
                .forEach(m -> oracles.put(
                        new OracleKey(m.oracle(), m.oracleSource()),
                        new OraclePrice(
                                Long.parseLong(prices.get(m.oracle()).asText()),
                                0,
                                0,
                                OraclePrice.Source.ORACLE_ACCOUNT)));
        spots.values().stream()
                .filter(m -> prices.has(m.oracle()))
                .forEach(m -> oracles.put(
                        new OracleKey(m.oracle(), m.oracleSource()),
                        new OraclePrice(
                                Long.parseLong(prices.get(m.oracle()).asText()),
                                0,
                                0,
                                OraclePrice.Source.ORACLE_ACCOUNT)));
        MarketContext ctx = new MarketContext(perps, spots, oracles);
        LiquidationPriceCalculator calculator = new LiquidationPriceCalculator();

        int withLiq = 0;
        for (JsonNode v : golden.path("vectors")) {
            String name = v.path("name").asText();
            JsonNode expected = v.path("expected");
            DriftUser user = ProgramProfile.DRIFT_V2
                    .decoders()
                    .user(Base64.getDecoder().decode(v.path("user").asText()));
            assertEquals(expected.path("authority").asText(), user.authority(), name);
            assertEquals(expected.path("sub_account_id").asInt(), user.subAccountId(), name);
            assertEquals(expected.path("margin_mode").asText().equals("highLeverage") ? 1 : 0, user.marginMode(), name);

            LiquidationPriceCalculator.Margin margin =
                    LiquidationPriceCalculator.margin(user, ctx).orElseThrow();
            assertEquals(
                    new BigInteger(expected.path("total_collateral").asText()),
                    margin.totalCollateral(),
                    name + ": total collateral");
            assertEquals(
                    new BigInteger(expected.path("margin_requirement").asText()),
                    margin.marginRequirement(),
                    name + ": margin requirement");

            if (expected.path("liq_price").isNull()) {
                assertTrue(
                        user.perpPosition(0)
                                .filter(p -> p.baseAssetAmount() != 0)
                                .isEmpty(),
                        name + ": no SOL-PERP position");
                continue;
            }
            PerpPosition position = user.perpPosition(0).orElseThrow();
            assertEquals(
                    Long.parseLong(expected.path("sol_base_asset_amount").asText()), position.baseAssetAmount(), name);
            assertEquals(
                    Long.parseLong(expected.path("sol_quote_asset_amount").asText()),
                    position.quoteAssetAmount(),
                    name);
            LiqPosition p = calculator.evaluate("golden", user, 0, ctx);
            long sdkLiq = Long.parseLong(expected.path("liq_price").asText());
            if (sdkLiq < 0) {
                assertNull(p.liqPrice(), name + ": the SDK finds no liquidation price (" + p.noLiqReason() + ")");
                continue;
            }
            withLiq++;
            BigDecimal sdk = BigDecimal.valueOf(sdkLiq, 6);
            assertTrue(p.hasLiqPrice(), name + ": the SDK says " + sdk);
            BigDecimal error = p.liqPrice().subtract(sdk).abs().divide(sdk, java.math.MathContext.DECIMAL64);
            assertTrue(
                    error.compareTo(new BigDecimal("1e-6")) <= 0, name + ": " + p.liqPrice() + " vs the SDK's " + sdk);
        }
        assertTrue(withLiq >= 8, "most cases have a liquidation price: " + withLiq);
    }
}
