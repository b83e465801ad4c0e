package perpwatch.feeds.onchain.scan;

import java.util.Locale;

/**
 * Whether a liquidation map shows a market that is trading now. Only {@link #LIVE} may be presented as live risk: a
 * paused program's positions cannot be liquidated ({@link #FROZEN}), and prices older than the slot budget, or a
 * program whose pause state we could not read, describe a market we cannot vouch for ({@link #STALE}).
 */
public enum MapState {
    LIVE,
    STALE,
    FROZEN;

    /** {@code live}, {@code stale}, {@code frozen}: the wire value. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
