package perpwatch.feeds.onchain;

/**
 * The State account's exchange-status bit flags (the same bits in Drift v2 and Velocity). Drift v2 was paused after
 * its drain: a scan of a program whose fills and liquidations are paused shows frozen positions, not live ones.
 */
public record ExchangeStatus(int bits) {
    public static final int DEPOSIT_PAUSED = 0b0000_0001;
    public static final int WITHDRAW_PAUSED = 0b0000_0010;
    public static final int AMM_PAUSED = 0b0000_0100;
    public static final int FILL_PAUSED = 0b0000_1000;
    public static final int LIQ_PAUSED = 0b0001_0000;
    public static final int FUNDING_PAUSED = 0b0010_0000;
    public static final int SETTLE_PNL_PAUSED = 0b0100_0000;
    public static final int AMM_IMMEDIATE_FILL_PAUSED = 0b1000_0000;

    public boolean paused(int flag) {
        return (bits & flag) != 0;
    }

    /** Positions can neither trade nor be liquidated: the map is a record of the past, not a live risk. */
    public boolean frozen() {
        return paused(FILL_PAUSED) && paused(LIQ_PAUSED);
    }
}
