package perpwatch.local.sim.solana;

import java.util.function.LongSupplier;

/** The simulated node's slot: it advances by one every 400 ms, as mainnet's does, from a fixed first slot. */
public final class SlotClock {
    static final long MS_PER_SLOT = 400;
    /** A mainnet slot of late 2026, well after Drift v2's pause (its oracles stopped near slot 410,000,000). */
    public static final long FIRST_SLOT = 470_000_000L;

    private final LongSupplier millis;
    private final long startMs;

    public SlotClock(LongSupplier millis) {
        this.millis = millis;
        this.startMs = millis.getAsLong();
    }

    public long slot() {
        return FIRST_SLOT + (millis.getAsLong() - startMs) / MS_PER_SLOT;
    }
}
