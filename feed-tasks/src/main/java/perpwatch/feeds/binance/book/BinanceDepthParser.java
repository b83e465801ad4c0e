package perpwatch.feeds.binance.book;

import static perpwatch.feeds.binance.BinanceStreamReader.MISSING;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import perpwatch.feeds.binance.BinanceFrame;
import perpwatch.feeds.binance.BinanceStreamReader;
import perpwatch.feeds.parse.JsonTokens;
import perpwatch.feeds.parse.MalformedFrameException;

/**
 * Parses the diff-depth stream ({@code <symbol>@depth@100ms}, raw or wrapped as {@code {"stream":…,"data":{…}}}) and
 * the REST snapshot body. Streaming Jackson, no tree. Unknown fields ({@code ps}, {@code st}, …) are skipped; a
 * missing id, a non-positive price or a negative quantity makes the whole frame malformed, because applying part of
 * a diff would leave a book that looks synced and is not.
 */
public final class BinanceDepthParser {
    private static final JsonFactory JSON = new JsonFactory();
    /** Levels a diff side starts room for; a 100 ms diff of a busy symbol has a few dozen, more just grows once. */
    private static final int EXPECTED_DIFF_LEVELS = 16;

    private final BinanceStreamReader reader = new BinanceStreamReader("depthUpdate", DiffFields::new);

    public BinanceFrame parseFrame(String text, long recvMs) throws MalformedFrameException {
        return reader.parse(text, recvMs);
    }

    public DepthSnapshot parseSnapshot(String body) throws MalformedFrameException {
        try (JsonParser parser = JSON.createParser(body)) {
            JsonTokens.expectObject(parser);
            long lastUpdateId = MISSING;
            long eventTime = MISSING;
            long transactTime = MISSING;
            List<PriceLevel> bids = null;
            List<PriceLevel> asks = null;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "lastUpdateId" -> lastUpdateId = JsonTokens.integer(parser, value, field);
                    case "E" -> eventTime = JsonTokens.integer(parser, value, field);
                    case "T" -> transactTime = JsonTokens.integer(parser, value, field);
                    case "bids" -> bids = levels(parser, value, field, false);
                    case "asks" -> asks = levels(parser, value, field, false);
                    default -> parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw new MalformedFrameException("truncated JSON object");
            }
            JsonTokens.expectEnd(parser);
            if (lastUpdateId == MISSING || bids == null || asks == null) {
                throw new MalformedFrameException("depth snapshot needs lastUpdateId, bids and asks");
            }
            return new DepthSnapshot(
                    lastUpdateId,
                    eventTime == MISSING ? 0 : eventTime,
                    transactTime == MISSING ? 0 : transactTime,
                    bids,
                    asks);
        } catch (JsonProcessingException e) {
            throw new MalformedFrameException("invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedFrameException("unreadable snapshot: " + e.getMessage(), e);
        }
    }

    /** The fields of one {@code depthUpdate}. */
    private static final class DiffFields implements BinanceStreamReader.EventFields {
        private long transactTime = MISSING;
        private long first = MISSING;
        private long last = MISSING;
        private long previous = MISSING;
        private ScaledLevels bids;
        private ScaledLevels asks;

        @Override
        public boolean read(String field, JsonToken value, JsonParser parser)
                throws IOException, MalformedFrameException {
            switch (field) {
                case "T" -> transactTime = JsonTokens.integer(parser, value, field);
                case "U" -> first = JsonTokens.integer(parser, value, field);
                case "u" -> last = JsonTokens.integer(parser, value, field);
                case "pu" -> previous = JsonTokens.integer(parser, value, field);
                case "b" -> bids = diffLevels(parser, value, field);
                case "a" -> asks = diffLevels(parser, value, field);
                default -> {
                    return false;
                }
            }
            return true;
        }

        @Override
        public BinanceFrame build(String symbol, long eventTime, long recvMs) throws MalformedFrameException {
            if (symbol == null
                    || first == MISSING
                    || last == MISSING
                    || previous == MISSING
                    || bids == null
                    || asks == null) {
                throw new MalformedFrameException("depthUpdate needs s, U, u, pu, b and a");
            }
            if (first > last) {
                throw new MalformedFrameException("depthUpdate with U > u (" + first + " > " + last + ")");
            }
            long venueTime = transactTime != MISSING ? transactTime : eventTime;
            return new BinanceFrame.DepthDiff(new DepthUpdate(
                    symbol,
                    eventTime == MISSING ? venueTime : eventTime,
                    venueTime == MISSING ? recvMs : venueTime,
                    first,
                    last,
                    previous,
                    bids,
                    asks,
                    recvMs));
        }
    }

    /**
     * A diff's {@code [["7.6110","0"],…]} straight into the book's units; a zero quantity (remove) is allowed. This
     * runs for every level of every diff, so the plain decimals Binance sends are read from Jackson's own character
     * buffer (no String, no BigDecimal); anything else goes through {@link #exactUnits}, with the snapshot path's
     * rules. A valid level that cannot be held exactly marks the side unrepresentable and parsing goes on, so a frame
     * that is also malformed further on is still reported as malformed.
     */
    private static ScaledLevels diffLevels(JsonParser parser, JsonToken token, String field)
            throws IOException, MalformedFrameException {
        if (token != JsonToken.START_ARRAY) {
            throw new MalformedFrameException("field '" + field + "' should be an array, got " + token);
        }
        ScaledLevels levels = new ScaledLevels(EXPECTED_DIFF_LEVELS);
        JsonToken next;
        while ((next = parser.nextToken()) == JsonToken.START_ARRAY) {
            long price = units(parser, parser.nextToken(), field, true, levels);
            long qty = units(parser, parser.nextToken(), field, false, levels);
            if (parser.nextToken() != JsonToken.END_ARRAY) {
                throw new MalformedFrameException("a level of '" + field + "' is not a [price, qty] pair");
            }
            levels.add(price, qty);
        }
        if (next != JsonToken.END_ARRAY) {
            throw new MalformedFrameException("field '" + field + "' should hold [price, qty] pairs, got " + next);
        }
        return levels;
    }

    /** One price (above zero) or quantity (zero or more) of a diff level, in units. */
    private static long units(JsonParser parser, JsonToken token, String field, boolean price, ScaledLevels levels)
            throws IOException, MalformedFrameException {
        if (token != JsonToken.VALUE_STRING) {
            throw new MalformedFrameException(
                    "field '" + field + (price ? ".price" : ".qty") + "' should be a string, got " + token);
        }
        char[] text = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        long max = price ? OrderBook.MAX_PRICE_UNITS : OrderBook.MAX_QTY_UNITS;
        long units = DecimalUnits.parse(text, offset, length, OrderBook.SCALE, max);
        if (units > 0 || (units == 0 && !price)) {
            return units;
        }
        return exactUnits(text, offset, length, field, price, max, levels);
    }

    /**
     * The slow, exact reading of what {@link DecimalUnits} leaves: not a decimal, or negative (a zero price too), is a
     * malformed frame; a valid decimal the book cannot hold marks the side unrepresentable (0 stands in for it: the
     * side is never applied).
     */
    private static long exactUnits(
            char[] text, int offset, int length, String field, boolean price, long max, ScaledLevels levels)
            throws MalformedFrameException {
        String name = field + (price ? ".price" : ".qty");
        BigDecimal value;
        try {
            value = new BigDecimal(text, offset, length);
        } catch (NumberFormatException e) {
            throw new MalformedFrameException(
                    "'" + name + "' is not a decimal: '" + new String(text, offset, length) + "'");
        }
        if (price ? value.signum() <= 0 : value.signum() < 0) {
            throw new MalformedFrameException("bad level in '" + field + "': " + name + " " + value.toPlainString());
        }
        try {
            return FixedPoint.toUnits(value, OrderBook.SCALE, max);
        } catch (FixedPoint.UnrepresentableLevelException e) {
            levels.refuse(e.getMessage());
            return 0;
        }
    }

    /** A snapshot's {@code [["7.6110","6"],…]}; a zero quantity is not allowed (a snapshot lists resting levels). */
    private static List<PriceLevel> levels(JsonParser parser, JsonToken token, String field, boolean zeroAllowed)
            throws IOException, MalformedFrameException {
        if (token != JsonToken.START_ARRAY) {
            throw new MalformedFrameException("field '" + field + "' should be an array, got " + token);
        }
        List<PriceLevel> levels = new ArrayList<>();
        JsonToken next;
        while ((next = parser.nextToken()) == JsonToken.START_ARRAY) {
            BigDecimal price = JsonTokens.decimal(parser, parser.nextToken(), field + ".price");
            BigDecimal qty = JsonTokens.decimal(parser, parser.nextToken(), field + ".qty");
            if (parser.nextToken() != JsonToken.END_ARRAY) {
                throw new MalformedFrameException("a level of '" + field + "' is not a [price, qty] pair");
            }
            if (price.signum() <= 0 || qty.signum() < 0 || (!zeroAllowed && qty.signum() == 0)) {
                throw new MalformedFrameException("bad level in '" + field + "': [" + price + ", " + qty + "]");
            }
            levels.add(new PriceLevel(price, qty));
        }
        if (next != JsonToken.END_ARRAY) {
            throw new MalformedFrameException("field '" + field + "' should hold [price, qty] pairs, got " + next);
        }
        return levels;
    }
}
