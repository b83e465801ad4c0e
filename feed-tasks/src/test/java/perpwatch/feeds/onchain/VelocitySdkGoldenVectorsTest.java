package perpwatch.feeds.onchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the Velocity-addressed SDK build ({@code @drift-labs/sdk} 2.163.0-beta.12, tools/velocity-golden/generate.mjs)
 * answers for {@code User.liquidationPrice}, {@code getTotalCollateral} and {@code getMarginRequirement} about users
 * its own coder wrote. That build's User is an early 4,376-byte layout that Velocity never deployed, so perpwatch's
 * records are built from the fields the SDK decoded, not from the bytes: the margin math is held to the SDK, the byte
 * tables are held to velocity-v1 elsewhere ({@code VelocityLayoutTest}). Collateral and requirement must match
 * exactly, the liquidation price within 1e-6 relative, as in {@code SdkGoldenVectorsTest}.
 */
class VelocitySdkGoldenVectorsTest {
    private static JsonNode golden;
    private static MarketContext ctx;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in =
                VelocitySdkGoldenVectorsTest.class.getResourceAsStream("/onchain/velocity/golden/vectors.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        Map<Integer, PerpMarketAccount> perps = new HashMap<>();
        golden.path("perp_markets")
                .forEach(m -> perps.put(m.path("market_index").asInt(), perpMarket(m)));
        Map<Integer, SpotMarketAccount> spots = new HashMap<>();
        golden.path("spot_markets")
                .forEach(m -> spots.put(m.path("market_index").asInt(), spotMarket(m)));
        Map<OracleKey, OraclePrice> oracles = new HashMap<>();
        JsonNode prices = golden.path("oracle_prices");
        perps.values().forEach(m -> oracles.put(new OracleKey(m.oracle(), m.oracleSource()), live(prices, m.oracle())));
        spots.values().forEach(m -> oracles.put(new OracleKey(m.oracle(), m.oracleSource()), live(prices, m.oracle())));
        ctx = new MarketContext(perps, spots, oracles);
    }

    @Test
    void theVectorsComeFromTheVelocityAddressedBuild() {
        assertEquals("2.163.0-beta.12", golden.path("sdk").asText());
        assertEquals(VelocityLayout.PROGRAM_ID, golden.path("idl_address").asText());
        assertTrue(golden.path("vectors").size() >= 10, "at least ten constructed users");
        PerpMarketAccount sol = ctx.perpMarkets().get(0);
        assertEquals("SOL-PERP", sol.name());
        assertEquals(MarketStatus.ACTIVE, sol.status());
        assertEquals(
                OracleDecoder.PYTH_LAZER_STABLE_COIN, ctx.spotMarkets().get(0).oracleSource());
        assertEquals("USDT", ctx.spotMarkets().get(0).name());
    }

    @Test
    void marginMathAgreesWithTheSdk() {
        LiquidationPriceCalculator calculator = new LiquidationPriceCalculator();
        int withLiq = 0;
        int isolated = 0;
        for (JsonNode v : golden.path("vectors")) {
            String name = v.path("name").asText();
            JsonNode expected = v.path("expected");
            DriftUser user = user(v.path("user"));

            LiquidationPriceCalculator.Margin cross =
                    LiquidationPriceCalculator.margin(user, ctx).orElseThrow();
            assertEquals(bigint(expected, "total_collateral"), cross.totalCollateral(), name + ": total collateral");
            assertEquals(
                    bigint(expected, "margin_requirement"), cross.marginRequirement(), name + ": margin requirement");

            if (expected.path("liq_price").isNull()) {
                assertTrue(
                        user.perpPosition(0)
                                .filter(p -> p.baseAssetAmount() != 0)
                                .isEmpty(),
                        name + ": no SOL-PERP position");
                continue;
            }
            PerpPosition position = user.perpPosition(0).orElseThrow();
            if (expected.path("margin_type").asText().equals("isolated")) {
                isolated++;
                assertTrue(position.isolated(), name);
                LiquidationPriceCalculator.Margin own = LiquidationPriceCalculator.isolatedMargin(user, position, ctx)
                        .orElseThrow();
                assertEquals(
                        bigint(expected, "isolated_total_collateral"),
                        own.totalCollateral(),
                        name + ": isolated total collateral");
                assertEquals(
                        bigint(expected, "isolated_margin_requirement"),
                        own.marginRequirement(),
                        name + ": isolated margin requirement");
            }
            LiqPosition p = calculator.evaluate("golden", user, 0, ctx);
            long sdkLiq = Long.parseLong(expected.path("liq_price").asText());
            if (sdkLiq < 0) {
                assertNull(p.liqPrice(), name + ": the SDK finds no liquidation price (" + p.noLiqReason() + ")");
                continue;
            }
            withLiq++;
            BigDecimal sdk = BigDecimal.valueOf(sdkLiq, 6);
            assertTrue(p.hasLiqPrice(), name + ": the SDK says " + sdk + ", perpwatch " + p.noLiqReason());
            BigDecimal error = p.liqPrice().subtract(sdk).abs().divide(sdk, MathContext.DECIMAL64);
            assertTrue(
                    error.compareTo(new BigDecimal("1e-6")) <= 0, name + ": " + p.liqPrice() + " vs the SDK's " + sdk);
        }
        assertTrue(withLiq >= 8, "most cases have a liquidation price: " + withLiq);
        assertEquals(2, isolated, "both isolated cases were margined on their own collateral");
    }

    @Test
    void driftRulesStillRefuseAnIsolatedPosition() {
        JsonNode v = vector("isolated_long_10x");
        DriftUser velocity = user(v.path("user"));
        DriftUser drift = new DriftUser(
                velocity.authority(),
                velocity.subAccountId(),
                velocity.status(),
                velocity.idle(),
                velocity.marginMode(),
                velocity.maxMarginRatio(),
                velocity.lastActiveSlot(),
                velocity.spotPositions(),
                velocity.perpPositions());
        assertEquals(
                LiqPosition.ISOLATED_POSITION,
                new LiquidationPriceCalculator().evaluate("d", drift, 0, ctx).noLiqReason());
    }

    @Test
    void theProductionDecoderRefusesTheSdkBuildsUserBytes() {
        byte[] bytes =
                Base64.getDecoder().decode(vector("long_5x").path("user_bytes").asText());
        assertEquals(4_376, bytes.length, "the early build's User size");
        ProgramDecoders velocity = ProgramProfile.VELOCITY.decoders();
        assertThrows(DriftDecodeException.class, () -> velocity.user(bytes));
        assertThrows(DriftDecodeException.class, () -> velocity.hasPerpPosition(bytes, 0));
    }

    private static JsonNode vector(String name) {
        for (JsonNode v : golden.path("vectors")) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no vector " + name);
    }

    private static DriftUser user(JsonNode u) {
        List<SpotPosition> spots = new ArrayList<>();
        for (JsonNode s : u.path("spot_positions")) {
            spots.add(new SpotPosition(
                    s.path("market_index").asInt(),
                    bigint(s, "scaled_balance"),
                    s.path("borrow").asBoolean(),
                    longOf(s, "open_bids"),
                    longOf(s, "open_asks"),
                    s.path("open_orders").asInt()));
        }
        List<PerpPosition> perps = new ArrayList<>();
        for (JsonNode p : u.path("perp_positions")) {
            perps.add(new PerpPosition(
                    p.path("market_index").asInt(),
                    longOf(p, "base_asset_amount"),
                    longOf(p, "quote_asset_amount"),
                    longOf(p, "quote_break_even_amount"),
                    longOf(p, "quote_entry_amount"),
                    longOf(p, "last_cumulative_funding_rate"),
                    longOf(p, "open_bids"),
                    longOf(p, "open_asks"),
                    p.path("open_orders").asInt(),
                    p.path("max_margin_ratio").asInt(),
                    p.path("position_flag").asInt(),
                    bigint(p, "isolated_position_scaled_balance")));
        }
        return new DriftUser(
                u.path("authority").asText(),
                u.path("sub_account_id").asInt(),
                u.path("status").asInt(),
                u.path("idle").asBoolean(),
                DriftUser.MARGIN_MODE_DEFAULT,
                u.path("max_margin_ratio").asInt(),
                longOf(u, "last_active_slot"),
                List.copyOf(spots),
                List.copyOf(perps),
                ProgramProfile.VELOCITY.decoders().marginRules());
    }

    private static PerpMarketAccount perpMarket(JsonNode m) {
        return new PerpMarketAccount(
                m.path("pubkey").asText(),
                m.path("market_index").asInt(),
                m.path("name").asText(),
                m.path("oracle").asText(),
                m.path("oracle_source").asInt(),
                longOf(m, "last_oracle_price"),
                longOf(m, "mm_oracle_price"),
                bigint(m, "cumulative_funding_rate_long"),
                bigint(m, "cumulative_funding_rate_short"),
                m.path("imf_factor").asLong(),
                m.path("margin_ratio_initial").asLong(),
                m.path("margin_ratio_maintenance").asLong(),
                m.path("unrealized_pnl_maintenance_asset_weight").asLong(),
                ProgramProfile.VELOCITY
                        .decoders()
                        .marketStatus()
                        .get(m.path("status").asInt()),
                m.path("contract_type").asInt(),
                0,
                0);
    }

    private static SpotMarketAccount spotMarket(JsonNode m) {
        return new SpotMarketAccount(
                m.path("pubkey").asText(),
                m.path("market_index").asInt(),
                m.path("name").asText(),
                m.path("oracle").asText(),
                m.path("oracle_source").asInt(),
                longOf(m, "last_oracle_price"),
                bigint(m, "cumulative_deposit_interest"),
                bigint(m, "cumulative_borrow_interest"),
                m.path("maintenance_asset_weight").asLong(),
                m.path("maintenance_liability_weight").asLong(),
                m.path("imf_factor").asLong(),
                m.path("decimals").asInt());
    }

    private static OraclePrice live(JsonNode prices, String oracle) {
        return new OraclePrice(longOf(prices, oracle), 0, 0, OraclePrice.Source.ORACLE_ACCOUNT);
    }

    private static BigInteger bigint(JsonNode node, String field) {
        return new BigInteger(node.path(field).asText());
    }

    private static long longOf(JsonNode node, String field) {
        return Long.parseLong(node.path(field).asText());
    }
}
