package perpwatch.feeds.onchain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Velocity's tables held to their sources. Where the Velocity IDL (npm sdk 2.163.0-beta.12, its {@code address} the
 * Velocity program) still describes the deployed struct, each offset is recomputed from it; where it does not (User,
 * PerpMarket), the offsets are held to what velocity-v1's own layout tests and SDK decoder pin
 * (docs/velocity-layout.md).
 */
class VelocityLayoutTest {
    private static IdlLayout idl() throws IOException {
        try (InputStream in = VelocityLayoutTest.class.getResourceAsStream(
                "/onchain/velocity/idl-drift-labs-sdk-2.163.0-beta.12.json")) {
            return new IdlLayout(new ObjectMapper().readTree(in));
        }
    }

    @Test
    void spotMarketMatchesTheIdlInBothSizes() throws Exception {
        IdlLayout idl = idl();
        assertEquals(808, idl.accountSize("SpotMarket"), "the pre-growth SpotMarket; growth to 1,064 only appended");
        for (int size : List.of(808, 1064)) {
            SpotMarketLayout l = VelocityLayout.ACCOUNTS.spotMarket(new byte[size]);
            assertEquals(l.pubkey(), idl.offset("SpotMarket", "pubkey"));
            assertEquals(l.oracle(), idl.offset("SpotMarket", "oracle"));
            assertEquals(l.name(), idl.offset("SpotMarket", "name"));
            assertEquals(l.lastOraclePrice(), idl.offset("SpotMarket", "historical_oracle_data.last_oracle_price"));
            assertEquals(l.cumulativeDepositInterest(), idl.offset("SpotMarket", "cumulative_deposit_interest"));
            assertEquals(l.cumulativeBorrowInterest(), idl.offset("SpotMarket", "cumulative_borrow_interest"));
            assertEquals(l.maintenanceAssetWeight(), idl.offset("SpotMarket", "maintenance_asset_weight"));
            assertEquals(l.maintenanceLiabilityWeight(), idl.offset("SpotMarket", "maintenance_liability_weight"));
            assertEquals(l.imfFactor(), idl.offset("SpotMarket", "imf_factor"));
            assertEquals(l.decimals(), idl.offset("SpotMarket", "decimals"));
            assertEquals(l.marketIndex(), idl.offset("SpotMarket", "market_index"));
            assertEquals(l.oracleSource(), idl.offset("SpotMarket", "oracle_source"));
            assertEquals(l.status(), idl.offset("SpotMarket", "status"));
        }
    }

    @Test
    void pythLazerOracleSpotPositionAndEnumsMatchTheIdl() throws Exception {
        IdlLayout idl = idl();
        PythLazerOracleLayout o = VelocityLayout.ACCOUNTS.pythLazerOracle();
        assertEquals(o.size(), idl.accountSize("PythLazerOracle"));
        assertEquals(o.price(), idl.offset("PythLazerOracle", "price"));
        assertEquals(o.publishTime(), idl.offset("PythLazerOracle", "publish_time"));
        assertEquals(o.postedSlot(), idl.offset("PythLazerOracle", "posted_slot"));
        assertEquals(o.exponent(), idl.offset("PythLazerOracle", "exponent"));
        assertEquals(o.conf(), idl.offset("PythLazerOracle", "conf"));

        SpotPositionLayout sp = VelocityLayout.SPOT_POSITION;
        assertEquals(sp.size(), idl.typeSize("SpotPosition"));
        assertEquals(sp.scaledBalance(), idl.offsetInType("SpotPosition", "scaled_balance"));
        assertEquals(sp.openBids(), idl.offsetInType("SpotPosition", "open_bids"));
        assertEquals(sp.openAsks(), idl.offsetInType("SpotPosition", "open_asks"));
        assertEquals(sp.marketIndex(), idl.offsetInType("SpotPosition", "market_index"));
        assertEquals(sp.balanceType(), idl.offsetInType("SpotPosition", "balance_type"));
        assertEquals(sp.openOrders(), idl.offsetInType("SpotPosition", "open_orders"));

        assertEquals(
                List.of("Initialized", "Active", "ReduceOnly", "Settlement", "Delisted"), idl.variants("MarketStatus"));
        assertEquals(
                VelocityLayout.MARKET_STATUS.size(),
                idl.variants("MarketStatus").size());
        List<String> sources = idl.variants("OracleSource");
        assertEquals(OracleDecoder.PYTH_LAZER, sources.indexOf("PythLazer"));
        assertEquals(OracleDecoder.PYTH_LAZER_1K, sources.indexOf("PythLazer1K"));
        assertEquals(OracleDecoder.PYTH_LAZER_1M, sources.indexOf("PythLazer1M"));
        assertEquals(OracleDecoder.PYTH_LAZER_STABLE_COIN, sources.indexOf("PythLazerStableCoin"));
    }

    /**
     * velocity-v1 {@code programs/velocity/tests/user_layout.rs} (commit 0180c4c1) pins struct offsets of the
     * 4,560-byte
     * User: size_of User 4552, idle 4526, open_orders 4528, PerpPosition 88 with open_orders 78 and position_flag 80;
     * {@code memcmp.ts} at the same commit gives the account offsets (status 4532, idle 4534).
     */
    @Test
    void user4560MatchesVelocitysOwnLayoutTest() {
        UserLayout u = VelocityLayout.USER_4560;
        assertEquals(4552 + 8, u.size());
        assertEquals(4526 + 8, u.idle());
        assertEquals(4532, u.status());
        assertEquals(88, u.perp().size());
        assertEquals(78, u.perp().openOrders());
        assertEquals(2, u.perp().openOrdersWidth());
        assertEquals(80, u.perp().positionFlag());
        // 8 spot slots of 40 and 8 perp slots of 88 after authority, delegate and name; then 32 orders of 104 bytes.
        assertEquals(8 + 32 * 3, u.spotPositions());
        assertEquals(u.spotPositions() + 8 * u.spot().size(), u.perpPositions());
        int orders = u.perpPositions() + 8 * u.perp().size();
        assertEquals(orders + 32 * 104 + 7 * 8, u.lastActiveSlot());
        assertEquals(u.lastActiveSlot() + 8 + 4, u.maxMarginRatio());
        assertEquals(u.maxMarginRatio() + 4 + 2, u.subAccountId());
        assertEquals(u.subAccountId() + 2, u.status());
    }

    /**
     * The 4,496-byte User of velocity-v1 commit c2247ede (user.rs SIZE 4496; decode/user.ts reads the 80-byte slot).
     */
    @Test
    void user4496FollowsTheSameFieldOrderWithAnEightyByteSlot() {
        UserLayout u = VelocityLayout.USER_4496;
        assertEquals(80, u.perp().size());
        assertEquals(1, u.perp().openOrdersWidth());
        assertEquals(79, u.perp().positionFlag());
        int orders = u.perpPositions() + 8 * u.perp().size();
        assertEquals(orders + 32 * 104 + 7 * 8, u.lastActiveSlot());
        assertEquals(u.lastActiveSlot() + 8 + 4 + 4 + 2, u.subAccountId());
        assertEquals(u.subAccountId() + 2, u.status());
        assertEquals(u.status() + 2, u.idle());
        // the tail: idle and 6 more flag bytes, 3 padding, equity floor and its buffer (u64 each) end the account
        assertEquals(4496, u.idle() + 7 + 3 + 16);
    }

    /**
     * perp_market.rs (velocity-v1 ddbbebb3): pubkey, eleven 16-byte counters, a 96-byte fee ledger, then the oracle.
     */
    @Test
    void perpMarketFollowsTheRustStruct() {
        for (int size : List.of(1304, 1560)) {
            PerpMarketLayout p = VelocityLayout.ACCOUNTS.perpMarket(new byte[size]);
            assertEquals(8 + 32 + 9 * 16, p.cumulativeFundingRateLong());
            assertEquals(p.cumulativeFundingRateLong() + 16, p.cumulativeFundingRateShort());
            assertEquals(p.cumulativeFundingRateShort() + 16 + 96, p.oracle());
            // oracle, pnl pool and protocol fee pool (32 each), protocol liquidation fee + padding, buffer target: name
            assertEquals(p.oracle() + 32 + 32 + 32 + 8 + 8, p.name());
            assertEquals(p.marginRatioInitial() + 4, p.marginRatioMaintenance());
            assertEquals(p.marketIndex() + 2, p.status());
            assertEquals(p.status() + 1, p.contractType());
            assertEquals(AccountLayouts.ABSENT, p.lastOraclePrice(), "MarketStats not confirmed: no cached price");
        }
    }

    @Test
    void stateDiscriminatorAndExchangeStatus() {
        assertEquals(1688, VelocityLayout.ACCOUNTS.state(new byte[1688]).size());
    }
}
