package perpwatch.feeds.onchain;

import java.util.List;
import java.util.Optional;

/** The fields of a Drift {@code User} account that margin and liquidation need. */
public record DriftUser(
        String authority,
        int subAccountId,
        int status,
        boolean idle,
        int marginMode,
        int maxMarginRatio,
        long lastActiveSlot,
        List<SpotPosition> spotPositions,
        List<PerpPosition> perpPositions) {
    public static final int MARGIN_MODE_DEFAULT = 0;

    public Optional<PerpPosition> perpPosition(int marketIndex) {
        return perpPositions.stream()
                .filter(p -> p.marketIndex() == marketIndex && p.active())
                .findFirst();
    }

    /** The SDK's isHighLeverageMode('Maintenance'): both HighLeverage and HighLeverageMaintenance modes count. */
    public boolean highLeverageMaintenance() {
        return marginMode != MARGIN_MODE_DEFAULT;
    }
}
