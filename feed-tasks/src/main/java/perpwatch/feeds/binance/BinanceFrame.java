package perpwatch.feeds.binance;

import perpwatch.core.model.Trade;
import perpwatch.feeds.binance.book.DepthUpdate;

/** What one text frame from a Binance USDⓈ-M market stream turned out to be. */
public sealed interface BinanceFrame {
    /** An {@code aggTrade} event. */
    record AggTrade(String symbol, long eventTime, Trade trade) implements BinanceFrame {}

    /** A {@code depthUpdate} event of the diff-depth stream. */
    record DepthDiff(DepthUpdate update) implements BinanceFrame {}

    /** {@code {"result":null,"id":1}}: a reply to SUBSCRIBE and friends. */
    record Ack(long id) implements BinanceFrame {}

    /** {@code {"code":2,"msg":"Invalid request…","id":1}}: the venue rejected something we sent. */
    record VenueError(long code, String message) implements BinanceFrame {}

    /** A well-formed event of a type this parser does not handle. */
    record Unhandled(String eventType) implements BinanceFrame {}
}
