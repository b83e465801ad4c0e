package perpwatch.core.model;

import java.math.BigDecimal;

/**
 * One liquidation, normalized across venues.
 *
 * @param venue       {@code binance}, {@code okx} or {@code bybit}
 * @param symbol      the venue's instrument name, e.g. {@code SOLUSDT} or {@code SOL-USDC-SWAP}
 * @param side        the side of the position that was liquidated
 * @param quantity    in the base asset (SOL), contracts already converted
 * @param notionalUsd price × quantity
 */
public record Liquidation(
        String venue,
        String symbol,
        PositionSide side,
        BigDecimal price,
        BigDecimal quantity,
        BigDecimal notionalUsd,
        long ts,
        long recvTime) {}
