package perpwatch.core.model;

import java.math.BigDecimal;

/**
 * One read of an on-chain venue's oracle account (Velocity's PythLazerOracle for a perp market), measured against the
 * node's slot. The protocol judges oracle staleness in slots from {@code posted_slot}, so the guards do too.
 *
 * @param symbol     the venue's market name, e.g. {@code SOL-PERP}
 * @param price      the oracle price in the quote (USDT), scaled as the program scales it
 * @param confidence the oracle's confidence interval, in the same units
 * @param postedSlot the slot the price was posted at (the account's {@code posted_slot})
 * @param slot       the node's slot ({@code getSlot}, confirmed), read after the account: the lag is never understated
 * @param ts         when that slot was read, epoch ms: the age of this observation
 * @param recvTime   when the reading was complete
 */
public record OracleReading(
        String symbol, BigDecimal price, BigDecimal confidence, long postedSlot, long slot, long ts, long recvTime) {

    /** Slots since the oracle was posted; 0 when the node answered a slot before the post (no lag is invented). */
    public long ageSlots() {
        return Math.max(0, slot - postedSlot);
    }
}
