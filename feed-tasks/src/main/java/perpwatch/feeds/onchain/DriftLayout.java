package perpwatch.feeds.onchain;

import java.util.List;

/**
 * Byte offsets of the Drift v2 accounts this scanner reads, including the 8-byte Anchor discriminator. Taken from
 * the Drift IDL (SDK 2.156.0); {@code DriftLayoutTest} recomputes every one of them from the IDL json, so a program
 * upgrade that moves a field fails the build instead of silently mis-reading positions.
 */
public final class DriftLayout {
    private DriftLayout() {}

    public static final String PROGRAM_ID = "dRiftyHA39MWEi3m9aunc5MzRF1JYuBsbn6VPcn33UH";

    /** sha256("account:User")[0..8], and so on. */
    public static final byte[] USER_DISCRIMINATOR = {
        (byte) 159, 117, 95, (byte) 227, (byte) 239, (byte) 151, 58, (byte) 236
    };

    public static final byte[] PERP_MARKET_DISCRIMINATOR = {10, (byte) 223, 12, 44, 107, (byte) 245, 55, (byte) 247};
    public static final byte[] SPOT_MARKET_DISCRIMINATOR = {100, (byte) 177, 8, 107, (byte) 168, 65, 65, 39};
    public static final byte[] STATE_DISCRIMINATOR = {(byte) 216, (byte) 146, 107, 94, 104, 75, (byte) 182, (byte) 177};

    /** Drift's MarketStatus bytes, in order: 0 = Initialized … 8 = Delisted. */
    static final List<MarketStatus> MARKET_STATUS = List.of(
            MarketStatus.INITIALIZED,
            MarketStatus.ACTIVE,
            MarketStatus.FUNDING_PAUSED,
            MarketStatus.AMM_PAUSED,
            MarketStatus.FILL_PAUSED,
            MarketStatus.WITHDRAW_PAUSED,
            MarketStatus.REDUCE_ONLY,
            MarketStatus.SETTLEMENT,
            MarketStatus.DELISTED);

    public static final class User {
        public static final int SIZE = 4376;
        public static final int AUTHORITY = 8;
        public static final int SPOT_POSITIONS = 104;
        public static final int PERP_POSITIONS = 424;
        public static final int LAST_ACTIVE_SLOT = 4328;
        public static final int MAX_MARGIN_RATIO = 4340;
        public static final int SUB_ACCOUNT_ID = 4346;
        public static final int STATUS = 4348;
        public static final int IDLE = 4350;
        public static final int MARGIN_MODE = 4355;
        public static final int SPOT_POSITION_COUNT = 8;
        public static final int PERP_POSITION_COUNT = 8;

        private User() {}
    }

    public static final class SpotPosition {
        public static final int SIZE = 40;
        public static final int SCALED_BALANCE = 0;
        public static final int OPEN_BIDS = 8;
        public static final int OPEN_ASKS = 16;
        public static final int MARKET_INDEX = 32;
        public static final int BALANCE_TYPE = 34;
        public static final int OPEN_ORDERS = 35;

        private SpotPosition() {}
    }

    public static final class PerpPosition {
        public static final int SIZE = 96;
        public static final int LAST_CUMULATIVE_FUNDING_RATE = 0;
        public static final int BASE_ASSET_AMOUNT = 8;
        public static final int QUOTE_ASSET_AMOUNT = 16;
        public static final int QUOTE_BREAK_EVEN_AMOUNT = 24;
        public static final int QUOTE_ENTRY_AMOUNT = 32;
        public static final int OPEN_BIDS = 40;
        public static final int OPEN_ASKS = 48;
        public static final int LP_SHARES = 64;
        public static final int ISOLATED_POSITION_SCALED_BALANCE = 72;
        public static final int MAX_MARGIN_RATIO = 90;
        public static final int MARKET_INDEX = 92;
        public static final int OPEN_ORDERS = 94;
        public static final int POSITION_FLAG = 95;

        private PerpPosition() {}
    }

    public static final class PerpMarket {
        public static final int SIZE = 1216;
        public static final int PUBKEY = 8;
        public static final int AMM_ORACLE = 40;
        public static final int AMM_LAST_ORACLE_PRICE = 72;
        public static final int AMM_CUMULATIVE_FUNDING_RATE_LONG = 608;
        public static final int AMM_CUMULATIVE_FUNDING_RATE_SHORT = 624;
        public static final int AMM_ORDER_STEP_SIZE = 808;
        public static final int AMM_MM_ORACLE_PRICE = 912;
        public static final int AMM_ORACLE_SOURCE = 926;
        public static final int NAME = 1000;
        public static final int IMF_FACTOR = 1120;
        public static final int UNREALIZED_PNL_IMF_FACTOR = 1124;
        public static final int MARGIN_RATIO_INITIAL = 1136;
        public static final int MARGIN_RATIO_MAINTENANCE = 1140;
        public static final int UNREALIZED_PNL_INITIAL_ASSET_WEIGHT = 1144;
        public static final int UNREALIZED_PNL_MAINTENANCE_ASSET_WEIGHT = 1148;
        public static final int MARKET_INDEX = 1160;
        public static final int STATUS = 1162;
        public static final int CONTRACT_TYPE = 1163;
        public static final int HIGH_LEVERAGE_MARGIN_RATIO_INITIAL = 1174;
        public static final int HIGH_LEVERAGE_MARGIN_RATIO_MAINTENANCE = 1176;

        private PerpMarket() {}
    }

    public static final class SpotMarket {
        public static final int SIZE = 776;
        public static final int PUBKEY = 8;
        public static final int ORACLE = 40;
        public static final int NAME = 136;
        public static final int LAST_ORACLE_PRICE = 168;
        public static final int CUMULATIVE_DEPOSIT_INTEREST = 464;
        public static final int CUMULATIVE_BORROW_INTEREST = 480;
        public static final int INITIAL_ASSET_WEIGHT = 640;
        public static final int MAINTENANCE_ASSET_WEIGHT = 644;
        public static final int INITIAL_LIABILITY_WEIGHT = 648;
        public static final int MAINTENANCE_LIABILITY_WEIGHT = 652;
        public static final int IMF_FACTOR = 656;
        public static final int DECIMALS = 680;
        public static final int MARKET_INDEX = 684;
        public static final int STATUS = 688;
        public static final int ORACLE_SOURCE = 687;

        private SpotMarket() {}
    }

    /** Drift's {@code PythLazerOracle} account (its own program's copy of a Pyth Lazer price). */
    public static final class PythLazerOracle {
        public static final int SIZE = 48;
        public static final int PRICE = 8;
        public static final int PUBLISH_TIME = 16;
        public static final int POSTED_SLOT = 24;
        public static final int EXPONENT = 32;
        public static final int CONF = 40;

        private PythLazerOracle() {}
    }

    public static final class State {
        public static final int SIZE = 992;
        public static final int EXCHANGE_STATUS = 974;

        private State() {}
    }

    /** The constants above as the tables the shared decoders read: Drift v2 deployed one size of each account. */
    static final AccountLayouts ACCOUNTS = new AccountLayouts(
            List.of(new UserLayout(
                    User.SIZE,
                    User.AUTHORITY,
                    User.SPOT_POSITIONS,
                    new SpotPositionLayout(
                            SpotPosition.SIZE,
                            SpotPosition.SCALED_BALANCE,
                            SpotPosition.OPEN_BIDS,
                            SpotPosition.OPEN_ASKS,
                            SpotPosition.MARKET_INDEX,
                            SpotPosition.BALANCE_TYPE,
                            SpotPosition.OPEN_ORDERS),
                    User.PERP_POSITIONS,
                    new PerpPositionLayout(
                            PerpPosition.SIZE,
                            PerpPosition.LAST_CUMULATIVE_FUNDING_RATE,
                            PerpPosition.BASE_ASSET_AMOUNT,
                            PerpPosition.QUOTE_ASSET_AMOUNT,
                            PerpPosition.QUOTE_BREAK_EVEN_AMOUNT,
                            PerpPosition.QUOTE_ENTRY_AMOUNT,
                            PerpPosition.OPEN_BIDS,
                            PerpPosition.OPEN_ASKS,
                            PerpPosition.ISOLATED_POSITION_SCALED_BALANCE,
                            PerpPosition.MAX_MARGIN_RATIO,
                            PerpPosition.MARKET_INDEX,
                            PerpPosition.OPEN_ORDERS,
                            1,
                            PerpPosition.POSITION_FLAG),
                    User.LAST_ACTIVE_SLOT,
                    User.MAX_MARGIN_RATIO,
                    User.SUB_ACCOUNT_ID,
                    User.STATUS,
                    User.IDLE,
                    User.MARGIN_MODE)),
            List.of(new PerpMarketLayout(
                    PerpMarket.SIZE,
                    PerpMarket.PUBKEY,
                    PerpMarket.AMM_ORACLE,
                    PerpMarket.AMM_ORACLE_SOURCE,
                    PerpMarket.AMM_LAST_ORACLE_PRICE,
                    PerpMarket.AMM_MM_ORACLE_PRICE,
                    PerpMarket.AMM_CUMULATIVE_FUNDING_RATE_LONG,
                    PerpMarket.AMM_CUMULATIVE_FUNDING_RATE_SHORT,
                    PerpMarket.NAME,
                    PerpMarket.IMF_FACTOR,
                    PerpMarket.MARGIN_RATIO_INITIAL,
                    PerpMarket.MARGIN_RATIO_MAINTENANCE,
                    PerpMarket.UNREALIZED_PNL_MAINTENANCE_ASSET_WEIGHT,
                    PerpMarket.MARKET_INDEX,
                    PerpMarket.STATUS,
                    PerpMarket.CONTRACT_TYPE,
                    PerpMarket.HIGH_LEVERAGE_MARGIN_RATIO_INITIAL,
                    PerpMarket.HIGH_LEVERAGE_MARGIN_RATIO_MAINTENANCE)),
            List.of(new SpotMarketLayout(
                    SpotMarket.SIZE,
                    SpotMarket.PUBKEY,
                    SpotMarket.ORACLE,
                    SpotMarket.NAME,
                    SpotMarket.LAST_ORACLE_PRICE,
                    SpotMarket.CUMULATIVE_DEPOSIT_INTEREST,
                    SpotMarket.CUMULATIVE_BORROW_INTEREST,
                    SpotMarket.MAINTENANCE_ASSET_WEIGHT,
                    SpotMarket.MAINTENANCE_LIABILITY_WEIGHT,
                    SpotMarket.IMF_FACTOR,
                    SpotMarket.DECIMALS,
                    SpotMarket.MARKET_INDEX,
                    SpotMarket.ORACLE_SOURCE,
                    SpotMarket.STATUS)),
            List.of(new StateLayout(State.SIZE, State.EXCHANGE_STATUS)),
            new PythLazerOracleLayout(
                    PythLazerOracle.SIZE,
                    PythLazerOracle.PRICE,
                    PythLazerOracle.PUBLISH_TIME,
                    PythLazerOracle.POSTED_SLOT,
                    PythLazerOracle.EXPONENT,
                    PythLazerOracle.CONF));
}
