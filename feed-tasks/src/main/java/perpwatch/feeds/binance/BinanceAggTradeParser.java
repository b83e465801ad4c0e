package perpwatch.feeds.binance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import perpwatch.core.model.Trade;
import perpwatch.feeds.parse.MalformedFrameException;

/**
 * Parses Binance USDⓈ-M market-stream frames: raw ({@code /ws/solusdt@aggTrade}) or wrapped by the combined
 * endpoint ({@code {"stream":…,"data":{…}}}). Streaming Jackson, no tree: this runs for every trade.
 * Unknown fields are skipped (Binance adds fields such as {@code st} and {@code nq} without notice); a known field
 * of the wrong type, or a non-positive price or quantity, makes the frame malformed rather than guessed at.
 */
public final class BinanceAggTradeParser {
    private static final JsonFactory JSON = new JsonFactory();
    private static final long MISSING = Long.MIN_VALUE;

    public BinanceFrame parse(String text, long recvMs) throws MalformedFrameException {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedFrameException("not a JSON object");
            }
            BinanceFrame frame = readObject(parser, recvMs, true);
            if (parser.nextToken() != null) {
                throw new MalformedFrameException("trailing content after the JSON object");
            }
            return frame;
        } catch (JsonProcessingException e) {
            throw new MalformedFrameException("invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedFrameException("unreadable frame: " + e.getMessage(), e);
        }
    }

    private BinanceFrame readObject(JsonParser parser, long recvMs, boolean outermost)
            throws IOException, MalformedFrameException {
        String eventType = null;
        String symbol = null;
        String price = null;
        String quantity = null;
        String message = null;
        long eventTime = MISSING;
        long aggId = MISSING;
        long tradeTime = MISSING;
        long id = MISSING;
        long code = MISSING;
        Boolean buyerIsMaker = null;
        boolean hasResult = false;
        BinanceFrame wrapped = null;

        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "e" -> eventType = string(parser, value, field);
                case "s" -> symbol = string(parser, value, field);
                case "p" -> price = string(parser, value, field);
                case "q" -> quantity = string(parser, value, field);
                case "msg" -> message = string(parser, value, field);
                case "E" -> eventTime = integer(parser, value, field);
                case "a" -> aggId = integer(parser, value, field);
                case "T" -> tradeTime = integer(parser, value, field);
                case "id" -> id = value == JsonToken.VALUE_NULL ? MISSING : integer(parser, value, field);
                case "code" -> code = integer(parser, value, field);
                case "m" -> buyerIsMaker = bool(value, field);
                case "result" -> {
                    hasResult = true;
                    parser.skipChildren();
                }
                case "data" -> {
                    if (outermost && value == JsonToken.START_OBJECT) {
                        wrapped = readObject(parser, recvMs, false);
                    } else {
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new MalformedFrameException("truncated JSON object");
        }
        if (wrapped != null) {
            return wrapped;
        }
        if ("aggTrade".equals(eventType)) {
            return aggTrade(symbol, eventTime, aggId, price, quantity, buyerIsMaker, tradeTime, recvMs);
        }
        if (code != MISSING) {
            return new BinanceFrame.VenueError(code, message == null ? "" : message);
        }
        if (hasResult) {
            return new BinanceFrame.Ack(id);
        }
        if (eventType != null) {
            return new BinanceFrame.Unhandled(eventType);
        }
        throw new MalformedFrameException("neither an event, an ack nor an error");
    }

    private static BinanceFrame aggTrade(
            String symbol,
            long eventTime,
            long aggId,
            String price,
            String quantity,
            Boolean buyerIsMaker,
            long tradeTime,
            long recvMs)
            throws MalformedFrameException {
        require(symbol != null, "s");
        require(aggId != MISSING, "a");
        require(price != null, "p");
        require(quantity != null, "q");
        require(tradeTime != MISSING, "T");
        require(buyerIsMaker != null, "m");
        BigDecimal px = positive(price, "p");
        BigDecimal qty = positive(quantity, "q");
        Trade trade = new Trade(aggId, px, qty, buyerIsMaker, tradeTime, recvMs);
        return new BinanceFrame.AggTrade(symbol, eventTime == MISSING ? tradeTime : eventTime, trade);
    }

    private static void require(boolean present, String field) throws MalformedFrameException {
        if (!present) {
            throw new MalformedFrameException("aggTrade without field '" + field + "'");
        }
    }

    private static BigDecimal positive(String text, String field) throws MalformedFrameException {
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new MalformedFrameException("field '" + field + "' is not a decimal: '" + text + "'");
        }
        if (value.signum() <= 0) {
            throw new MalformedFrameException("field '" + field + "' must be positive: '" + text + "'");
        }
        return value;
    }

    private static String string(JsonParser parser, JsonToken token, String field)
            throws IOException, MalformedFrameException {
        if (token != JsonToken.VALUE_STRING) {
            throw new MalformedFrameException("field '" + field + "' should be a string, got " + token);
        }
        return parser.getText();
    }

    private static long integer(JsonParser parser, JsonToken token, String field)
            throws IOException, MalformedFrameException {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw new MalformedFrameException("field '" + field + "' should be an integer, got " + token);
        }
        return parser.getLongValue();
    }

    private static Boolean bool(JsonToken token, String field) throws MalformedFrameException {
        if (token == JsonToken.VALUE_TRUE) {
            return Boolean.TRUE;
        }
        if (token == JsonToken.VALUE_FALSE) {
            return Boolean.FALSE;
        }
        throw new MalformedFrameException("field '" + field + "' should be a boolean, got " + token);
    }
}
