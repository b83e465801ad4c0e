package perpwatch.feeds.onchain;

/**
 * Where a {@code User} account's fields sit, for one account size (offsets include the 8-byte discriminator). A
 * program that has changed its User struct has one of these per size it ever deployed: the size tells the layout.
 *
 * @param marginMode offset of the margin-mode byte, or {@link AccountLayouts#ABSENT} where the program has none
 */
public record UserLayout(
        int size,
        int authority,
        int spotPositions,
        SpotPositionLayout spot,
        int perpPositions,
        PerpPositionLayout perp,
        int lastActiveSlot,
        int maxMarginRatio,
        int subAccountId,
        int status,
        int idle,
        int marginMode) {
    public static final int SPOT_POSITION_COUNT = 8;
    public static final int PERP_POSITION_COUNT = 8;
}
