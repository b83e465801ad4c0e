package perpwatch.feeds.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Strict typed reads of the current token of a streaming parser: a known field of the wrong type makes the frame
 * malformed instead of being coerced, because a venue that changes a type has changed its meaning too.
 */
public final class JsonTokens {
    private JsonTokens() {}

    public static String string(JsonParser parser, JsonToken token, String field)
            throws IOException, MalformedFrameException {
        if (token != JsonToken.VALUE_STRING) {
            throw new MalformedFrameException("field '" + field + "' should be a string, got " + token);
        }
        return parser.getText();
    }

    public static long integer(JsonParser parser, JsonToken token, String field)
            throws IOException, MalformedFrameException {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw new MalformedFrameException("field '" + field + "' should be an integer, got " + token);
        }
        return parser.getLongValue();
    }

    /** A decimal sent as a JSON string (how every venue sends prices and sizes). */
    public static BigDecimal decimal(JsonParser parser, JsonToken token, String field)
            throws IOException, MalformedFrameException {
        return decimal(string(parser, token, field), field);
    }

    /** A JSON boolean. */
    public static boolean bool(JsonToken token, String field) throws MalformedFrameException {
        if (token == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (token == JsonToken.VALUE_FALSE) {
            return false;
        }
        throw new MalformedFrameException("field '" + field + "' should be a boolean, got " + token);
    }

    /** A decimal read earlier as a string; for fields whose meaning is known only once the event type is. */
    public static BigDecimal decimal(String text, String field) throws MalformedFrameException {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new MalformedFrameException("'" + field + "' is not a decimal: '" + text + "'");
        }
    }

    /** As {@link #decimal(String, String)}, and above zero (a trade's price and quantity). */
    public static BigDecimal positiveDecimal(String text, String field) throws MalformedFrameException {
        BigDecimal value = decimal(text, field);
        if (value.signum() <= 0) {
            throw new MalformedFrameException("field '" + field + "' must be positive: '" + text + "'");
        }
        return value;
    }

    /** The frame starts with an object. */
    public static void expectObject(JsonParser parser) throws IOException, MalformedFrameException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new MalformedFrameException("not a JSON object");
        }
    }

    /** Nothing follows the object: two objects glued together are not one frame. */
    public static void expectEnd(JsonParser parser) throws IOException, MalformedFrameException {
        if (parser.nextToken() != null) {
            throw new MalformedFrameException("trailing content after the JSON object");
        }
    }
}
