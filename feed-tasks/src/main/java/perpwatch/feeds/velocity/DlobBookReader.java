package perpwatch.feeds.velocity;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import perpwatch.feeds.parse.JsonTokens;
import perpwatch.feeds.parse.MalformedFrameException;

/**
 * Reads one DLOB L2 document with streaming Jackson. Level numbers must have the document's {@link NumberForm};
 * every level must carry a {@code sources} breakdown that sums to its size, because which depth counts is decided
 * from it. Fields that only decorate ({@code oracleData}, {@code markPrice}) accept both a string and a number: the
 * server writes numbers there in its cache-miss answer. Unknown fields are skipped.
 */
final class DlobBookReader {
    private static final JsonFactory JSON = new JsonFactory();
    private static final long MISSING = Long.MIN_VALUE;

    /** Not JSON at all, as opposed to JSON of the wrong shape. */
    static final class NotJsonException extends Exception {
        NotJsonException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    DlobBook read(String text, NumberForm form) throws NotJsonException, MalformedFrameException {
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken first;
            try {
                first = parser.nextToken();
            } catch (JsonProcessingException e) {
                throw new NotJsonException(e.getOriginalMessage(), e);
            }
            if (first != JsonToken.START_OBJECT) {
                throw new MalformedFrameException("an L2 document is a JSON object, got " + first);
            }
            DlobBook book = readObject(parser, form);
            if (parser.nextToken() != null) {
                throw new MalformedFrameException("trailing content after the L2 document");
            }
            return book;
        } catch (JsonProcessingException e) {
            throw new MalformedFrameException("invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedFrameException("unreadable L2 document: " + e.getMessage(), e);
        }
    }

    private DlobBook readObject(JsonParser parser, NumberForm form) throws IOException, MalformedFrameException {
        String marketName = null;
        long marketIndex = MISSING;
        long slot = MISSING;
        long ts = 0;
        List<BookLevel> bids = null;
        List<BookLevel> asks = null;
        OraclePrice oracle = null;
        BigDecimal mark = null;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "bids" -> bids = levels(parser, value, field, form);
                case "asks" -> asks = levels(parser, value, field, form);
                case "marketName" -> marketName = JsonTokens.string(parser, value, field);
                case "marketIndex" -> marketIndex = JsonTokens.integer(parser, value, field);
                case "slot" -> slot = JsonTokens.integer(parser, value, field);
                case "ts" -> ts = JsonTokens.integer(parser, value, field);
                case "markPrice" ->
                    mark = value == JsonToken.VALUE_NULL
                            ? null
                            : new BigDecimal(lenientInteger(parser, value, field), Precision.PRICE);
                case "oracleData" -> oracle = oracle(parser, value);
                default -> parser.skipChildren();
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new MalformedFrameException("truncated L2 document");
        }
        if (bids == null || asks == null || slot == MISSING || marketIndex == MISSING) {
            throw new MalformedFrameException("an L2 document needs bids, asks, slot and marketIndex");
        }
        return new DlobBook(marketName, (int) marketIndex, slot, ts, bids, asks, oracle, mark);
    }

    private static List<BookLevel> levels(JsonParser parser, JsonToken token, String field, NumberForm form)
            throws IOException, MalformedFrameException {
        if (token != JsonToken.START_ARRAY) {
            throw new MalformedFrameException("field '" + field + "' should be an array, got " + token);
        }
        List<BookLevel> levels = new ArrayList<>();
        JsonToken next;
        while ((next = parser.nextToken()) == JsonToken.START_OBJECT) {
            levels.add(level(parser, field, form));
        }
        if (next != JsonToken.END_ARRAY) {
            throw new MalformedFrameException("field '" + field + "' should hold level objects, got " + next);
        }
        return levels;
    }

    private static BookLevel level(JsonParser parser, String side, NumberForm form)
            throws IOException, MalformedFrameException {
        BigInteger price = null;
        BigInteger size = null;
        BigInteger sum = null;
        BigInteger counted = BigInteger.ZERO;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "price" -> price = unsigned(parser, value, side + ".price", form);
                case "size" -> size = unsigned(parser, value, side + ".size", form);
                case "sources" -> {
                    if (value != JsonToken.START_OBJECT) {
                        throw new MalformedFrameException("'" + side + ".sources' should be an object, got " + value);
                    }
                    sum = BigInteger.ZERO;
                    JsonToken entry;
                    while ((entry = parser.nextToken()) == JsonToken.FIELD_NAME) {
                        String source = parser.currentName();
                        BigInteger amount = unsigned(parser, parser.nextToken(), side + ".sources." + source, form);
                        sum = sum.add(amount);
                        if (LiquiditySource.counts(source)) {
                            counted = counted.add(amount);
                        }
                    }
                    if (entry != JsonToken.END_OBJECT) {
                        throw new MalformedFrameException("truncated '" + side + ".sources'");
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new MalformedFrameException("truncated level in '" + side + "'");
        }
        if (price == null || size == null || sum == null) {
            throw new MalformedFrameException("a level of '" + side + "' needs price, size and sources");
        }
        if (price.signum() == 0) {
            throw new MalformedFrameException("a level of '" + side + "' has price 0");
        }
        if (!sum.equals(size)) {
            throw new MalformedFrameException(
                    "a level of '" + side + "' at " + price + ": sources sum to " + sum + ", size says " + size);
        }
        return new BookLevel(
                new BigDecimal(price, Precision.PRICE),
                new BigDecimal(size, Precision.BASE),
                new BigDecimal(counted, Precision.BASE));
    }

    private static OraclePrice oracle(JsonParser parser, JsonToken token) throws IOException, MalformedFrameException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw new MalformedFrameException("field 'oracleData' should be an object, got " + token);
        }
        BigInteger price = null;
        BigInteger slot = null;
        BigInteger confidence = null;
        JsonToken next;
        while ((next = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "price" -> price = lenientInteger(parser, value, "oracleData.price");
                case "slot" -> slot = lenientInteger(parser, value, "oracleData.slot");
                case "confidence" -> confidence = lenientInteger(parser, value, "oracleData.confidence");
                default -> parser.skipChildren();
            }
        }
        if (next != JsonToken.END_OBJECT) {
            throw new MalformedFrameException("truncated 'oracleData'");
        }
        if (price == null || slot == null) {
            // The publisher omits what it could not read; a partial reading is no reading.
            return null;
        }
        if (slot.bitLength() > 63) {
            throw new MalformedFrameException("field 'oracleData.slot' does not fit a slot: " + slot);
        }
        return new OraclePrice(
                new BigDecimal(price, Precision.PRICE),
                slot.longValue(),
                confidence == null ? null : new BigDecimal(confidence, Precision.PRICE));
    }

    /** A non-negative integer in the document's form: a decimal string of digits, or a JSON integer. */
    private static BigInteger unsigned(JsonParser parser, JsonToken token, String field, NumberForm form)
            throws IOException, MalformedFrameException {
        BigInteger value;
        if (token == JsonToken.VALUE_STRING && form != NumberForm.NUMBERS) {
            value = digits(parser.getText(), field);
        } else if (token == JsonToken.VALUE_NUMBER_INT && form != NumberForm.STRINGS) {
            value = parser.getBigIntegerValue();
        } else {
            throw new MalformedFrameException("field '" + field + "' should be " + form + ", got " + token);
        }
        if (value.signum() < 0) {
            throw new MalformedFrameException("field '" + field + "' is negative: " + value);
        }
        return value;
    }

    /** An integer written either way; the decorations are written both ways by the same server. */
    private static BigInteger lenientInteger(JsonParser parser, JsonToken token, String field)
            throws IOException, MalformedFrameException {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getBigIntegerValue();
        }
        return digits(JsonTokens.string(parser, token, field), field);
    }

    private static BigInteger digits(String text, String field) throws MalformedFrameException {
        if (!text.matches("-?[0-9]{1,30}")) {
            throw new MalformedFrameException("field '" + field + "' is not an integer: '" + text + "'");
        }
        return new BigInteger(text);
    }
}
