package perpwatch.feeds.velocity;

import java.math.BigDecimal;

/**
 * The oracle reading the DLOB stamps on its book ({@code oracleData}). Informational: the oracle metric itself is read
 * from the PythLazerOracle account, because this copy is only as fresh as the publisher's last tick.
 *
 * @param slot the slot the oracle was posted at
 */
public record OraclePrice(BigDecimal price, long slot, BigDecimal confidence) {}
