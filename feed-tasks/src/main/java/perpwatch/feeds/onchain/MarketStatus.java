package perpwatch.feeds.onchain;

/**
 * A market's status, whatever byte the program stores it as: Drift v2 numbered nine (Settlement = 7), Velocity five
 * (Settlement = 3). Each profile maps its own bytes; an unknown byte refuses the market rather than guess.
 */
public enum MarketStatus {
    INITIALIZED,
    ACTIVE,
    FUNDING_PAUSED,
    AMM_PAUSED,
    FILL_PAUSED,
    WITHDRAW_PAUSED,
    REDUCE_ONLY,
    SETTLEMENT,
    DELISTED
}
