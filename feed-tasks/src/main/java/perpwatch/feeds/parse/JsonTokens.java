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
        String text = string(parser, token, field);
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new MalformedFrameException("field '" + field + "' is not a decimal: '" + text + "'");
        }
    }
}
