package perpwatch.feeds.velocity;

import java.math.BigDecimal;
import java.util.List;

/**
 * One DLOB L2 document, from {@code GET /l2} or a WebSocket push, levels best first.
 *
 * @param marketName null in the server's cache-miss answer
 * @param slot       the slot the book was computed at: the order a reader keeps
 * @param ts         publisher time, epoch ms; 0 when absent
 * @param oracle     the document's {@code oracleData}, or null
 * @param markPrice  the venue's mark (mid of its full book, or the oracle when empty), or null
 */
public record DlobBook(
        String marketName,
        int marketIndex,
        long slot,
        long ts,
        List<BookLevel> bids,
        List<BookLevel> asks,
        OraclePrice oracle,
        BigDecimal markPrice) {}
