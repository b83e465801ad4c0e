package perpwatch.feeds.okx;

import java.math.BigDecimal;
import java.util.List;

/** One OKX v5 public message, classified. Values are still in the venue's units (sizes in contracts). */
public sealed interface OkxFrame {
    /** The text {@code pong} answering our text {@code ping}. */
    record Pong() implements OkxFrame {}

    /** {@code {"event":"subscribe"|"unsubscribe","arg":{…}}}. */
    record Ack(String event, String channel) implements OkxFrame {}

    /** {@code {"event":"error","code":"60018","msg":…}}: the socket stays open. */
    record VenueError(String code, String message) implements OkxFrame {}

    /** Any other event (notice, channel-conn-count…): logged, not an error. */
    record OtherEvent(String event) implements OkxFrame {}

    record Trade(String instId, long tradeId, BigDecimal price, BigDecimal contracts, String side, long ts) {}

    /**
     * A {@code trades} push: the rows that read, and the ones that did not. One push may carry several instruments;
     * a bad row of one must not cost the others theirs.
     */
    record Trades(List<Trade> trades, List<BadRow> badRows) implements OkxFrame {
        public Trades {
            trades = List.copyOf(trades);
            badRows = List.copyOf(badRows);
        }
    }

    /** One liquidation detail; {@code side} is the liquidation ORDER's side ({@code sell} closes a long). */
    record Liquidation(
            String instId, String side, String posSide, BigDecimal bankruptcyPrice, BigDecimal contracts, long ts) {}

    /**
     * A {@code liquidation-orders} push: one entry per readable detail, and the details (or rows) that did not read.
     */
    record Liquidations(List<Liquidation> liquidations, List<BadRow> badRows) implements OkxFrame {
        public Liquidations {
            liquidations = List.copyOf(liquidations);
            badRows = List.copyOf(badRows);
        }
    }

    /**
     * One row of a push that could not be read: skipped on its own.
     *
     * @param instId the row's instrument when that much was readable, else empty
     * @param reason what was wrong with it
     */
    record BadRow(String instId, String reason) {}
}
