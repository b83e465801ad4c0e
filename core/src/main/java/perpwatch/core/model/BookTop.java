package perpwatch.core.model;

import java.math.BigDecimal;

/**
 * Top of the Binance book with the spread and the resting notional near mid, published on change (at most
 * 10 a second) and unchanged again about once a second as a keepalive.
 *
 * @param spreadBps   (ask − bid) / mid · 10⁴
 * @param depthBidUsd Σ price·qty of bids priced at or above mid·(1 − 10 bps)
 * @param depthAskUsd Σ price·qty of asks priced at or below mid·(1 + 10 bps)
 * @param ts          venue time of the last diff applied (its transaction time)
 * @param recvTime    when we received that diff
 */
public record BookTop(
        BigDecimal bidPrice,
        BigDecimal bidQty,
        BigDecimal askPrice,
        BigDecimal askQty,
        BigDecimal spreadBps,
        BigDecimal depthBidUsd,
        BigDecimal depthAskUsd,
        long ts,
        long recvTime) {}
