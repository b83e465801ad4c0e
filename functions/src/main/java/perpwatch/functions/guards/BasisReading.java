package perpwatch.functions.guards;

import java.math.BigDecimal;

/**
 * A basis, or why there is none.
 *
 * @param bps        (px_usdc − px_usdt) / px_usdt · 10⁴, null when {@code problem} is set
 * @param ageMs      age of the older side, null when a side has no data
 * @param problem    why {@code bps} is null
 * @param headroomMs how long the reading stays valid (until the older side turns stale)
 */
record BasisReading(BigDecimal bps, Long ageMs, String problem, long headroomMs) {}
