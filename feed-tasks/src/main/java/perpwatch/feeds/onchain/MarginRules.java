package perpwatch.feeds.onchain;

/**
 * Where the margin arithmetic of the two programs parts ways. The decoder of each program stamps its rules on every
 * {@link DriftUser} it reads, so the calculator follows the account's own program and no caller needs to know which
 * profile runs. The sources of each difference are in {@code docs/velocity-layout.md}, section "Margin math".
 */
public enum MarginRules {
    /** Drift v2 as SDK 2.156 computes it: cross margin only, High Leverage Mode, every spot balance weighted. */
    DRIFT_V2(false, true, false),
    /**
     * Velocity as its program ({@code math/margin.rs}, mirrored by velocity-v1's SDK) computes it: an isolated
     * position is margined on its own deposit plus PnL, there is no High Leverage Mode, the quote market counts at its
     * token value without weights, and a borrow's value rounds away from zero.
     */
    VELOCITY(true, false, true);

    private final boolean isolatedPositions;
    private final boolean highLeverageMode;
    private final boolean programTokenValues;

    MarginRules(boolean isolatedPositions, boolean highLeverageMode, boolean programTokenValues) {
        this.isolatedPositions = isolatedPositions;
        this.highLeverageMode = highLeverageMode;
        this.programTokenValues = programTokenValues;
    }

    /** Whether an isolated position gets its own margin bucket; otherwise it is refused, not guessed at. */
    boolean isolatedPositions() {
        return isolatedPositions;
    }

    /** Whether a user's margin mode can select a market's high-leverage ratios. */
    boolean highLeverageMode() {
        return highLeverageMode;
    }

    /** Quote balances at token value unweighted, and borrow values floored (away from zero), as the program does. */
    boolean programTokenValues() {
        return programTokenValues;
    }
}
