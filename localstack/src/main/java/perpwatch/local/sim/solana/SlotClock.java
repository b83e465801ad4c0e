package perpwatch.local.sim.solana;

import java.util.function.LongSupplier;

/**
 * A Solana slot clock: one slot every 400 ms, as mainnet's, from a first slot at a start time. The local cloud shares
 * one between the Solana node and Velocity's venue model, so {@code getSlot}, the oracle's posted slot and the DLOB's
 * slot are read off the same clock and their differences mean what they would on mainnet.
 */
public final class SlotClock {
    public static final long MS_PER_SLOT = 400;
    /** A mainnet slot of late 2026, well after Drift v2's pause (its oracles stopped near slot 410,000,000). */
    public static final long FIRST_SLOT = 470_000_000L;

    private final LongSupplier millis;
    private final long startMs;
    private final long firstSlot;

    /** From {@link #FIRST_SLOT}, starting now. */
    public SlotClock(LongSupplier millis) {
        this(millis, millis.getAsLong(), FIRST_SLOT);
    }

    /** {@code firstSlot} at {@code startMs}; the current slot follows {@code millis}. */
    public SlotClock(LongSupplier millis, long startMs, long firstSlot) {
        this.millis = millis;
        this.startMs = startMs;
        this.firstSlot = firstSlot;
    }

    public long slot() {
        return slotAt(millis.getAsLong());
    }

    /** The slot at time {@code ms}, earlier than the start too (a seeded history). */
    public long slotAt(long ms) {
        return firstSlot + Math.floorDiv(ms - startMs, MS_PER_SLOT);
    }

    /** When {@code slot} began. */
    public long millisAt(long slot) {
        return startMs + (slot - firstSlot) * MS_PER_SLOT;
    }

    public long nowMs() {
        return millis.getAsLong();
    }
}
