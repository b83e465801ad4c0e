package perpwatch.feeds.okx;

import java.math.BigDecimal;
import java.util.List;

/** One OKX v5 public message, classified. Values are still in the venue's units (sizes in contracts). */
public sealed interface OkxFrame {
    /** The text {@code pong} answering our text {@code ping}. */
    record Pong() implements OkxFrame {
    }

    /** {@code {"event":"subscribe"|"unsubscribe","arg":{…}}}. */
    record Ack(String event, String channel) implements OkxFrame {
    }

    /** {@code {"event":"error","code":"60018","msg":…}}: the socket stays open. */
    record VenueError(String code, String message) implements OkxFrame {
    }

    /** Any other event (notice, channel-conn-count…): logged, not an error. */
    record OtherEvent(String event) implements OkxFrame {
    }

    record Trade(String instId, long tradeId, BigDecimal price, BigDecimal contracts, String side, long ts) {
    }

    record Trades(List<Trade> trades) implements OkxFrame {
    }

    /** One liquidation detail; {@code side} is the liquidation ORDER's side ({@code sell} closes a long). */
    record Liquidation(String instId, String side, String posSide, BigDecimal bankruptcyPrice, BigDecimal contracts, long ts) {
    }

    record Liquidations(List<Liquidation> liquidations) implements OkxFrame {
    }
}
