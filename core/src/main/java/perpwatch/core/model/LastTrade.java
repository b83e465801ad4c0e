package perpwatch.core.model;

import java.math.BigDecimal;

/**
 * The last trade of a second on a venue (the OKX swaps used for basis).
 *
 * @param symbol the venue instrument, e.g. {@code SOL-USDC-SWAP}
 * @param side   the taker's side, {@code buy} or {@code sell}
 * @param size   in the base asset (SOL), contracts already converted
 * @param ts     venue trade time
 */
public record LastTrade(String symbol, BigDecimal price, String side, BigDecimal size, long ts, long recvTime) {}
