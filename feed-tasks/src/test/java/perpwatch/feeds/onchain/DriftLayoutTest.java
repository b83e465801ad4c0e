package perpwatch.feeds.onchain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every offset the decoders use, recomputed from the Drift IDL: a program upgrade that moves a field fails here. */
class DriftLayoutTest {
    @Test
    void offsetsMatchTheIdl() throws Exception {
        IdlLayout idl = new IdlLayout();
        assertEquals(DriftLayout.User.SIZE, idl.accountSize("User"));
        assertEquals(DriftLayout.PerpMarket.SIZE, idl.accountSize("PerpMarket"));
        assertEquals(DriftLayout.SpotMarket.SIZE, idl.accountSize("SpotMarket"));
        assertEquals(DriftLayout.PythLazerOracle.SIZE, idl.accountSize("PythLazerOracle"));
        assertEquals(DriftLayout.SpotPosition.SIZE, idl.typeSize("SpotPosition"));
        assertEquals(DriftLayout.PerpPosition.SIZE, idl.typeSize("PerpPosition"));

        assertEquals(DriftLayout.User.AUTHORITY, idl.offset("User", "authority"));
        assertEquals(DriftLayout.User.SPOT_POSITIONS, idl.offset("User", "spotPositions"));
        assertEquals(DriftLayout.User.PERP_POSITIONS, idl.offset("User", "perpPositions"));
        assertEquals(DriftLayout.User.LAST_ACTIVE_SLOT, idl.offset("User", "lastActiveSlot"));
        assertEquals(DriftLayout.User.MAX_MARGIN_RATIO, idl.offset("User", "maxMarginRatio"));
        assertEquals(DriftLayout.User.SUB_ACCOUNT_ID, idl.offset("User", "subAccountId"));
        assertEquals(DriftLayout.User.STATUS, idl.offset("User", "status"));
        assertEquals(DriftLayout.User.IDLE, idl.offset("User", "idle"));
        assertEquals(DriftLayout.User.MARGIN_MODE, idl.offset("User", "marginMode"));

        // Offsets inside a position are relative to the position: the type's own offset minus the discriminator.
        assertEquals(DriftLayout.SpotPosition.SCALED_BALANCE, within(idl, "SpotPosition", "scaledBalance"));
        assertEquals(DriftLayout.SpotPosition.OPEN_BIDS, within(idl, "SpotPosition", "openBids"));
        assertEquals(DriftLayout.SpotPosition.OPEN_ASKS, within(idl, "SpotPosition", "openAsks"));
        assertEquals(DriftLayout.SpotPosition.MARKET_INDEX, within(idl, "SpotPosition", "marketIndex"));
        assertEquals(DriftLayout.SpotPosition.BALANCE_TYPE, within(idl, "SpotPosition", "balanceType"));
        assertEquals(DriftLayout.SpotPosition.OPEN_ORDERS, within(idl, "SpotPosition", "openOrders"));
        assertEquals(
                DriftLayout.PerpPosition.LAST_CUMULATIVE_FUNDING_RATE,
                within(idl, "PerpPosition", "lastCumulativeFundingRate"));
        assertEquals(DriftLayout.PerpPosition.BASE_ASSET_AMOUNT, within(idl, "PerpPosition", "baseAssetAmount"));
        assertEquals(DriftLayout.PerpPosition.QUOTE_ASSET_AMOUNT, within(idl, "PerpPosition", "quoteAssetAmount"));
        assertEquals(
                DriftLayout.PerpPosition.QUOTE_BREAK_EVEN_AMOUNT, within(idl, "PerpPosition", "quoteBreakEvenAmount"));
        assertEquals(DriftLayout.PerpPosition.QUOTE_ENTRY_AMOUNT, within(idl, "PerpPosition", "quoteEntryAmount"));
        assertEquals(DriftLayout.PerpPosition.OPEN_BIDS, within(idl, "PerpPosition", "openBids"));
        assertEquals(DriftLayout.PerpPosition.OPEN_ASKS, within(idl, "PerpPosition", "openAsks"));
        assertEquals(DriftLayout.PerpPosition.LP_SHARES, within(idl, "PerpPosition", "lpShares"));
        assertEquals(
                DriftLayout.PerpPosition.ISOLATED_POSITION_SCALED_BALANCE,
                within(idl, "PerpPosition", "isolatedPositionScaledBalance"));
        assertEquals(DriftLayout.PerpPosition.MAX_MARGIN_RATIO, within(idl, "PerpPosition", "maxMarginRatio"));
        assertEquals(DriftLayout.PerpPosition.MARKET_INDEX, within(idl, "PerpPosition", "marketIndex"));
        assertEquals(DriftLayout.PerpPosition.OPEN_ORDERS, within(idl, "PerpPosition", "openOrders"));
        assertEquals(DriftLayout.PerpPosition.POSITION_FLAG, within(idl, "PerpPosition", "positionFlag"));

        assertEquals(DriftLayout.PerpMarket.PUBKEY, idl.offset("PerpMarket", "pubkey"));
        assertEquals(DriftLayout.PerpMarket.AMM_ORACLE, idl.offset("PerpMarket", "amm.oracle"));
        assertEquals(
                DriftLayout.PerpMarket.AMM_LAST_ORACLE_PRICE,
                idl.offset("PerpMarket", "amm.historicalOracleData.lastOraclePrice"));
        assertEquals(
                DriftLayout.PerpMarket.AMM_CUMULATIVE_FUNDING_RATE_LONG,
                idl.offset("PerpMarket", "amm.cumulativeFundingRateLong"));
        assertEquals(
                DriftLayout.PerpMarket.AMM_CUMULATIVE_FUNDING_RATE_SHORT,
                idl.offset("PerpMarket", "amm.cumulativeFundingRateShort"));
        assertEquals(DriftLayout.PerpMarket.AMM_ORDER_STEP_SIZE, idl.offset("PerpMarket", "amm.orderStepSize"));
        assertEquals(DriftLayout.PerpMarket.AMM_MM_ORACLE_PRICE, idl.offset("PerpMarket", "amm.mmOraclePrice"));
        assertEquals(DriftLayout.PerpMarket.AMM_ORACLE_SOURCE, idl.offset("PerpMarket", "amm.oracleSource"));
        assertEquals(DriftLayout.PerpMarket.NAME, idl.offset("PerpMarket", "name"));
        assertEquals(DriftLayout.PerpMarket.IMF_FACTOR, idl.offset("PerpMarket", "imfFactor"));
        assertEquals(
                DriftLayout.PerpMarket.UNREALIZED_PNL_IMF_FACTOR, idl.offset("PerpMarket", "unrealizedPnlImfFactor"));
        assertEquals(DriftLayout.PerpMarket.MARGIN_RATIO_INITIAL, idl.offset("PerpMarket", "marginRatioInitial"));
        assertEquals(
                DriftLayout.PerpMarket.MARGIN_RATIO_MAINTENANCE, idl.offset("PerpMarket", "marginRatioMaintenance"));
        assertEquals(
                DriftLayout.PerpMarket.UNREALIZED_PNL_INITIAL_ASSET_WEIGHT,
                idl.offset("PerpMarket", "unrealizedPnlInitialAssetWeight"));
        assertEquals(
                DriftLayout.PerpMarket.UNREALIZED_PNL_MAINTENANCE_ASSET_WEIGHT,
                idl.offset("PerpMarket", "unrealizedPnlMaintenanceAssetWeight"));
        assertEquals(DriftLayout.PerpMarket.MARKET_INDEX, idl.offset("PerpMarket", "marketIndex"));
        assertEquals(DriftLayout.PerpMarket.STATUS, idl.offset("PerpMarket", "status"));
        assertEquals(DriftLayout.PerpMarket.CONTRACT_TYPE, idl.offset("PerpMarket", "contractType"));
        assertEquals(
                DriftLayout.PerpMarket.HIGH_LEVERAGE_MARGIN_RATIO_INITIAL,
                idl.offset("PerpMarket", "highLeverageMarginRatioInitial"));
        assertEquals(
                DriftLayout.PerpMarket.HIGH_LEVERAGE_MARGIN_RATIO_MAINTENANCE,
                idl.offset("PerpMarket", "highLeverageMarginRatioMaintenance"));

        assertEquals(DriftLayout.SpotMarket.PUBKEY, idl.offset("SpotMarket", "pubkey"));
        assertEquals(DriftLayout.SpotMarket.ORACLE, idl.offset("SpotMarket", "oracle"));
        assertEquals(DriftLayout.SpotMarket.NAME, idl.offset("SpotMarket", "name"));
        assertEquals(
                DriftLayout.SpotMarket.LAST_ORACLE_PRICE,
                idl.offset("SpotMarket", "historicalOracleData.lastOraclePrice"));
        assertEquals(
                DriftLayout.SpotMarket.CUMULATIVE_DEPOSIT_INTEREST,
                idl.offset("SpotMarket", "cumulativeDepositInterest"));
        assertEquals(
                DriftLayout.SpotMarket.CUMULATIVE_BORROW_INTEREST,
                idl.offset("SpotMarket", "cumulativeBorrowInterest"));
        assertEquals(DriftLayout.SpotMarket.INITIAL_ASSET_WEIGHT, idl.offset("SpotMarket", "initialAssetWeight"));
        assertEquals(
                DriftLayout.SpotMarket.MAINTENANCE_ASSET_WEIGHT, idl.offset("SpotMarket", "maintenanceAssetWeight"));
        assertEquals(
                DriftLayout.SpotMarket.INITIAL_LIABILITY_WEIGHT, idl.offset("SpotMarket", "initialLiabilityWeight"));
        assertEquals(
                DriftLayout.SpotMarket.MAINTENANCE_LIABILITY_WEIGHT,
                idl.offset("SpotMarket", "maintenanceLiabilityWeight"));
        assertEquals(DriftLayout.SpotMarket.IMF_FACTOR, idl.offset("SpotMarket", "imfFactor"));
        assertEquals(DriftLayout.SpotMarket.DECIMALS, idl.offset("SpotMarket", "decimals"));
        assertEquals(DriftLayout.SpotMarket.MARKET_INDEX, idl.offset("SpotMarket", "marketIndex"));
        assertEquals(DriftLayout.SpotMarket.STATUS, idl.offset("SpotMarket", "status"));
        assertEquals(DriftLayout.SpotMarket.ORACLE_SOURCE, idl.offset("SpotMarket", "oracleSource"));

        assertEquals(DriftLayout.State.SIZE, idl.accountSize("State"));
        assertEquals(DriftLayout.State.EXCHANGE_STATUS, idl.offset("State", "exchangeStatus"));

        assertEquals(DriftLayout.PythLazerOracle.PRICE, idl.offset("PythLazerOracle", "price"));
        assertEquals(DriftLayout.PythLazerOracle.PUBLISH_TIME, idl.offset("PythLazerOracle", "publishTime"));
        assertEquals(DriftLayout.PythLazerOracle.POSTED_SLOT, idl.offset("PythLazerOracle", "postedSlot"));
        assertEquals(DriftLayout.PythLazerOracle.EXPONENT, idl.offset("PythLazerOracle", "exponent"));
        assertEquals(DriftLayout.PythLazerOracle.CONF, idl.offset("PythLazerOracle", "conf"));
    }

    @Test
    void discriminatorsAreAnchorsHashOfTheAccountName() throws Exception {
        assertArrayEquals(discriminator("User"), DriftLayout.USER_DISCRIMINATOR);
        assertArrayEquals(discriminator("PerpMarket"), DriftLayout.PERP_MARKET_DISCRIMINATOR);
        assertArrayEquals(discriminator("SpotMarket"), DriftLayout.SPOT_MARKET_DISCRIMINATOR);
        assertArrayEquals(discriminator("State"), DriftLayout.STATE_DISCRIMINATOR);
    }

    private static int within(IdlLayout idl, String type, String field) throws Exception {
        // A type's fields laid out as if it were an account, minus that account's discriminator.
        return idl.offsetInType(type, field);
    }

    private static byte[] discriminator(String account) throws Exception {
        byte[] hash =
                MessageDigest.getInstance("SHA-256").digest(("account:" + account).getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(hash, 8);
    }
}
