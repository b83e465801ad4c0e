package perpwatch.feeds.velocity;

/**
 * The keys of a DLOB level's {@code sources}, and whether the published depth counts them.
 *
 * <p>Counted: liquidity a taker of any size fills at that price the moment it arrives. Resting orders ({@code clob},
 * and the legacy {@code dlob} orders still in {@code User.orders}) and the protocol's own {@code vamm} rungs, which
 * settle against the market itself and are dropped by the publisher when the oracle goes stale.
 *
 * <p>Not counted: {@code propamm}, a quote its maker honours only at the size the publisher asked for (velocity-v1
 * {@code docs/clob-client-integration.md}: "not standing depth"), margin-clamped and free to vanish next slot; and
 * {@code indicative}, market makers' off-chain quotes that are not orders at all. A key none of the sources name is not
 * counted either: depth we cannot attribute is depth we do not promise.
 */
public enum LiquiditySource {
    CLOB("clob", true),
    DLOB("dlob", true),
    VAMM("vamm", true),
    PROPAMM("propamm", false),
    INDICATIVE("indicative", false);

    private final String wireKey;
    private final boolean counted;

    LiquiditySource(String wireKey, boolean counted) {
        this.wireKey = wireKey;
        this.counted = counted;
    }

    public String wireKey() {
        return wireKey;
    }

    public boolean counted() {
        return counted;
    }

    /** Whether size under this wire key counts towards the published book; unknown keys do not. */
    public static boolean counts(String wireKey) {
        for (LiquiditySource source : values()) {
            if (source.wireKey.equals(wireKey)) {
                return source.counted;
            }
        }
        return false;
    }
}
