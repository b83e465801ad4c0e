package perpwatch.feeds.onchain;

import java.util.List;
import java.util.Optional;
import perpwatch.feeds.solana.Pubkey;

/**
 * The fields of a Drift or Velocity {@code User} account that margin and liquidation need, and the margin rules of
 * the program that owns it (set by that program's decoder).
 */
public record DriftUser(
        Pubkey authorityKey,
        int subAccountId,
        int status,
        boolean idle,
        int marginMode,
        int maxMarginRatio,
        long lastActiveSlot,
        List<SpotPosition> spotPositions,
        List<PerpPosition> perpPositions,
        MarginRules marginRules) {
    public static final int MARGIN_MODE_DEFAULT = 0;

    /** A user whose authority is given as base58 text (tests, encoders, the local cloud's population). */
    public DriftUser(
            String authority,
            int subAccountId,
            int status,
            boolean idle,
            int marginMode,
            int maxMarginRatio,
            long lastActiveSlot,
            List<SpotPosition> spotPositions,
            List<PerpPosition> perpPositions,
            MarginRules marginRules) {
        this(
                Pubkey.fromBase58(authority),
                subAccountId,
                status,
                idle,
                marginMode,
                maxMarginRatio,
                lastActiveSlot,
                spotPositions,
                perpPositions,
                marginRules);
    }

    /** The authority as base58 text, encoded on first use (the scan never asks). */
    public String authority() {
        return authorityKey.toString();
    }

    /** A Drift v2 user: the rules every caller that predates Velocity built its users for. */
    public DriftUser(
            String authority,
            int subAccountId,
            int status,
            boolean idle,
            int marginMode,
            int maxMarginRatio,
            long lastActiveSlot,
            List<SpotPosition> spotPositions,
            List<PerpPosition> perpPositions) {
        this(
                authority,
                subAccountId,
                status,
                idle,
                marginMode,
                maxMarginRatio,
                lastActiveSlot,
                spotPositions,
                perpPositions,
                MarginRules.DRIFT_V2);
    }

    public Optional<PerpPosition> perpPosition(int marketIndex) {
        return perpPositions.stream()
                .filter(p -> p.marketIndex() == marketIndex && p.active())
                .findFirst();
    }

    /**
     * The SDK's isHighLeverageMode('Maintenance'): both HighLeverage and HighLeverageMaintenance modes count, where
     * the program has the mode at all (Velocity removed it).
     */
    public boolean highLeverageMaintenance() {
        return marginRules.highLeverageMode() && marginMode != MARGIN_MODE_DEFAULT;
    }
}
