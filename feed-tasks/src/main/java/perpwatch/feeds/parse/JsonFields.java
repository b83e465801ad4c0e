package perpwatch.feeds.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * Strict reads of one field of a JSON object tree, for the small frames read as trees (control frames, liquidation
 * pushes). The same rule as {@link JsonTokens}: a missing field or one of the wrong type makes the frame (or the row)
 * malformed instead of being coerced. Venues send prices and sizes as strings, times as numbers (OKX: as strings).
 */
public final class JsonFields {
    private JsonFields() {}

    /** A non-empty string. */
    public static String text(JsonNode node, String field) throws MalformedFrameException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new MalformedFrameException("missing or non-string '" + field + "'");
        }
        return value.asText();
    }

    /** A decimal sent as a string. */
    public static BigDecimal decimal(JsonNode node, String field) throws MalformedFrameException {
        return JsonTokens.decimal(text(node, field), field);
    }

    /** A decimal sent as a string that must be above zero (a price, a filled size). */
    public static BigDecimal positiveDecimal(JsonNode node, String field) throws MalformedFrameException {
        BigDecimal value = decimal(node, field);
        if (value.signum() <= 0) {
            throw new MalformedFrameException("'" + field + "' must be positive, not " + value.toPlainString());
        }
        return value;
    }

    /** An integer sent as a string (OKX ids and times). */
    public static long integerText(JsonNode node, String field) throws MalformedFrameException {
        String value = text(node, field);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new MalformedFrameException("'" + field + "' is not an integer: '" + value + "'");
        }
    }

    /** An integer sent as a JSON number (Binance and Bybit times). */
    public static long integer(JsonNode node, String field) throws MalformedFrameException {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong()) {
            throw new MalformedFrameException("'" + field + "' is not an integer");
        }
        return value.asLong();
    }
}
