package perpwatch.feeds.binance;

import static perpwatch.feeds.binance.BinanceStreamReader.MISSING;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import perpwatch.core.model.Trade;
import perpwatch.feeds.parse.JsonTokens;
import perpwatch.feeds.parse.MalformedFrameException;

/**
 * Parses Binance USDⓈ-M {@code aggTrade} frames (the envelope and control frames: {@link BinanceStreamReader}). A
 * missing field, or a non-positive price or quantity, makes the frame malformed rather than guessed at.
 *
 * <p>Every frame is first offered to {@link AggTradeScanner}, which reads the ordinary aggTrade frame in one pass; what
 * it does not read (acks, errors, other events, anything unusual or malformed) goes to the Jackson reader, which
 * stays the one that decides and the one whose errors are reported.
 */
public final class BinanceAggTradeParser {
    private final BinanceStreamReader reader = new BinanceStreamReader("aggTrade", AggTradeFields::new);

    public BinanceFrame parse(String text, long recvMs) throws MalformedFrameException {
        BinanceFrame.AggTrade trade = AggTradeScanner.scan(text, recvMs);
        return trade != null ? trade : reader.parse(text, recvMs);
    }

    /** The Jackson reader alone: what {@link #parse} must agree with (the differential tests compare the two). */
    BinanceFrame parseWithJackson(String text, long recvMs) throws MalformedFrameException {
        return reader.parse(text, recvMs);
    }

    /** Price and quantity stay text until the event type is known: another event may use the same letters. */
    private static final class AggTradeFields implements BinanceStreamReader.EventFields {
        private String price;
        private String quantity;
        private long aggId = MISSING;
        private long tradeTime = MISSING;
        private Boolean buyerIsMaker;

        @Override
        public boolean read(String field, JsonToken value, JsonParser parser)
                throws IOException, MalformedFrameException {
            switch (field) {
                case "p" -> price = JsonTokens.string(parser, value, field);
                case "q" -> quantity = JsonTokens.string(parser, value, field);
                case "a" -> aggId = JsonTokens.integer(parser, value, field);
                case "T" -> tradeTime = JsonTokens.integer(parser, value, field);
                case "m" -> buyerIsMaker = JsonTokens.bool(value, field);
                default -> {
                    return false;
                }
            }
            return true;
        }

        @Override
        public BinanceFrame build(String symbol, long eventTime, long recvMs) throws MalformedFrameException {
            require(symbol != null, "s");
            require(aggId != MISSING, "a");
            require(price != null, "p");
            require(quantity != null, "q");
            require(tradeTime != MISSING, "T");
            require(buyerIsMaker != null, "m");
            Trade trade = new Trade(
                    aggId,
                    JsonTokens.positiveDecimal(price, "p"),
                    JsonTokens.positiveDecimal(quantity, "q"),
                    buyerIsMaker,
                    tradeTime,
                    recvMs);
            return new BinanceFrame.AggTrade(symbol, eventTime == MISSING ? tradeTime : eventTime, trade);
        }

        private static void require(boolean present, String field) throws MalformedFrameException {
            if (!present) {
                throw new MalformedFrameException("aggTrade without field '" + field + "'");
            }
        }
    }
}
