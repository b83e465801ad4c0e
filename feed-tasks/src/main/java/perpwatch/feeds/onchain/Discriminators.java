package perpwatch.feeds.onchain;

/**
 * Anchor account discriminators, sha256("account:" + name)[0..8]. Both programs name their accounts alike, so both
 * share these; {@code DriftLayoutTest} recomputes them.
 */
public final class Discriminators {
    private Discriminators() {}

    public static final byte[] USER = DriftLayout.USER_DISCRIMINATOR;
    public static final byte[] PERP_MARKET = DriftLayout.PERP_MARKET_DISCRIMINATOR;
    public static final byte[] SPOT_MARKET = DriftLayout.SPOT_MARKET_DISCRIMINATOR;
    public static final byte[] STATE = DriftLayout.STATE_DISCRIMINATOR;
}
