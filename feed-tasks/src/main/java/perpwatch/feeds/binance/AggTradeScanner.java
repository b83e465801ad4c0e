package perpwatch.feeds.binance;

import static perpwatch.feeds.binance.BinanceStreamReader.MISSING;

import java.math.BigDecimal;
import perpwatch.core.model.Trade;
import perpwatch.feeds.parse.PlainDecimal;

/**
 * The fast way through an aggTrade frame: one pass over the characters, no parser set up per frame (Jackson's
 * per-frame setup was most of the frame → bar cost, see bench/peers/profile.md). It reads only a strict subset of
 * JSON: objects (the combined stream's {@code data} one level down), strings without escapes, integers of at most 18
 * digits, {@code true}, {@code false}, {@code null}, JSON whitespace. It answers only when the frame is an aggTrade
 * event that {@link BinanceStreamReader} would read, with what that reader would give; for anything else (an
 * escape, an array, a fraction, a missing or mistyped field, a non-plain price, an ack, an error, invalid JSON) it
 * answers null and the caller parses the frame with Jackson, whose answer or {@code MalformedFrameException} is then
 * the only one. So it never decides that a frame is malformed and never half-applies one: it has no error path.
 *
 * <p>The envelope rules are the reader's: a known field of the wrong type is not read here (Jackson then rejects
 * it), the last of duplicate fields wins, unknown scalar fields are skipped, the wrapped event wins over the outer
 * object's fields.
 */
final class AggTradeScanner {
    /**
     * Longer frames go to Jackson, so its length limits (StreamReadConstraints) stay the only ones; an aggTrade frame
     * is about 200 characters.
     */
    private static final int MAX_FRAME_CHARS = 4_096;

    private static final String AGG_TRADE = "aggTrade";

    /** Returned by {@link #peek()} past the end: never valid where a token is expected, so the scan gives up. */
    private static final char END = '\0';

    private final String text;
    private final int end;
    private int pos;

    private AggTradeScanner(String text) {
        this.text = text;
        this.end = text.length();
    }

    /** The aggTrade event of {@code text} as {@link BinanceStreamReader} would read it, or null: use Jackson. */
    static BinanceFrame.AggTrade scan(String text, long recvMs) {
        if (text.length() > MAX_FRAME_CHARS) {
            return null;
        }
        AggTradeScanner scanner = new AggTradeScanner(text);
        scanner.skipWhitespace();
        if (scanner.peek() != '{') {
            return null;
        }
        BinanceFrame.AggTrade trade = scanner.object(true, recvMs);
        if (trade == null) {
            return null;
        }
        scanner.skipWhitespace();
        return scanner.pos == scanner.end ? trade : null;
    }

    /** The object at {@code pos} (at its '{'): its aggTrade event or the one it wraps, or null. */
    private BinanceFrame.AggTrade object(boolean outermost, long recvMs) {
        pos++;
        int typeFrom = -1;
        int typeTo = -1;
        int symbolFrom = -1;
        int symbolTo = -1;
        int priceFrom = -1;
        int priceTo = -1;
        int quantityFrom = -1;
        int quantityTo = -1;
        long eventTime = MISSING;
        long aggId = MISSING;
        long tradeTime = MISSING;
        int buyerIsMaker = -1;
        BinanceFrame.AggTrade wrapped = null;

        skipWhitespace();
        if (peek() == '}') {
            return null; // {} is no aggTrade
        }
        while (true) {
            if (peek() != '"') {
                return null;
            }
            int keyFrom = pos + 1;
            int keyTo = stringEnd();
            if (keyTo < 0) {
                return null;
            }
            skipWhitespace();
            if (peek() != ':') {
                return null;
            }
            pos++;
            skipWhitespace();
            switch (field(keyFrom, keyTo)) {
                case 'e' -> {
                    typeFrom = pos + 1;
                    typeTo = string();
                    if (typeTo < 0) {
                        return null;
                    }
                }
                case 's' -> {
                    symbolFrom = pos + 1;
                    symbolTo = string();
                    if (symbolTo < 0) {
                        return null;
                    }
                }
                case 'p' -> {
                    priceFrom = pos + 1;
                    priceTo = string();
                    if (priceTo < 0) {
                        return null;
                    }
                }
                case 'q' -> {
                    quantityFrom = pos + 1;
                    quantityTo = string();
                    if (quantityTo < 0) {
                        return null;
                    }
                }
                case 'E' -> {
                    eventTime = integer();
                    if (eventTime == MISSING) {
                        return null;
                    }
                }
                case 'a' -> {
                    aggId = integer();
                    if (aggId == MISSING) {
                        return null;
                    }
                }
                case 'T' -> {
                    tradeTime = integer();
                    if (tradeTime == MISSING) {
                        return null;
                    }
                }
                case 'm' -> {
                    buyerIsMaker = bool();
                    if (buyerIsMaker < 0) {
                        return null;
                    }
                }
                case 'M' -> { // msg: a string, read for errors only
                    if (string() < 0) {
                        return null;
                    }
                }
                case 'I' -> { // id: null or an integer
                    if (!literal("null") && integer() == MISSING) {
                        return null;
                    }
                }
                case 'C' -> { // code: an integer
                    if (integer() == MISSING) {
                        return null;
                    }
                }
                case 'D' -> { // data: the combined stream's event, one level down only
                    if (peek() == '{') {
                        if (!outermost || wrapped != null) {
                            return null;
                        }
                        wrapped = object(false, recvMs);
                        if (wrapped == null) {
                            return null;
                        }
                    } else if (!skipScalar()) {
                        return null;
                    }
                }
                default -> { // result, and fields this event does not read
                    if (!skipScalar()) {
                        return null;
                    }
                }
            }
            skipWhitespace();
            char next = peek();
            pos++;
            if (next == '}') {
                break;
            }
            if (next != ',') {
                return null;
            }
            skipWhitespace();
        }
        if (wrapped != null) {
            return wrapped;
        }
        if (typeTo - typeFrom != AGG_TRADE.length() || !text.startsWith(AGG_TRADE, typeFrom)) {
            return null;
        }
        if (symbolFrom < 0 || aggId == MISSING || tradeTime == MISSING || buyerIsMaker < 0) {
            return null;
        }
        BigDecimal price = positive(priceFrom, priceTo);
        BigDecimal quantity = positive(quantityFrom, quantityTo);
        if (price == null || quantity == null) {
            return null;
        }
        Trade trade = new Trade(aggId, price, quantity, buyerIsMaker == 1, tradeTime, recvMs);
        return new BinanceFrame.AggTrade(
                text.substring(symbolFrom, symbolTo), eventTime == MISSING ? tradeTime : eventTime, trade);
    }

    /** A one-letter code for the fields the reader knows ('M' msg, 'I' id, 'C' code, 'D' data), 0 for the rest. */
    private char field(int from, int to) {
        int length = to - from;
        if (length == 1) {
            char c = text.charAt(from);
            return "esEpqaTm".indexOf(c) >= 0 ? c : 0;
        }
        if (length == 2 && text.startsWith("id", from)) {
            return 'I';
        }
        if (length == 3 && text.startsWith("msg", from)) {
            return 'M';
        }
        if (length == 4 && text.startsWith("code", from)) {
            return 'C';
        }
        if (length == 4 && text.startsWith("data", from)) {
            return 'D';
        }
        return 0;
    }

    private BigDecimal positive(int from, int to) {
        if (from < 0) {
            return null;
        }
        BigDecimal value = PlainDecimal.parse(text, from, to);
        return value != null && value.signum() > 0 ? value : null;
    }

    /** A string value at {@code pos}: the end of its content, or -1 (not a string, or not one read here). */
    private int string() {
        return peek() == '"' ? stringEnd() : -1;
    }

    /**
     * The string at {@code pos} (at its opening quote): moves past it and returns where its content ends, or -1 for an
     * escape (its text would differ from the characters), a control character (invalid JSON) or no closing quote.
     */
    private int stringEnd() {
        for (int i = pos + 1; i < end; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                pos = i + 1;
                return i;
            }
            if (c == '\\' || c < 0x20) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * A JSON integer at {@code pos} (optional minus, no leading zeros, no fraction or exponent) of at most 18 digits:
     * its value, or {@link BinanceStreamReader#MISSING}, which 18 digits cannot reach, for anything else.
     */
    private long integer() {
        int i = pos;
        boolean negative = i < end && text.charAt(i) == '-';
        if (negative) {
            i++;
        }
        int first = i;
        long value = 0;
        while (i < end) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            if (i - first == PlainDecimal.MAX_DIGITS) {
                return MISSING;
            }
            value = value * 10 + (c - '0');
            i++;
        }
        if (i == first || (text.charAt(first) == '0' && i - first > 1)) {
            return MISSING;
        }
        if (i < end) {
            char c = text.charAt(i);
            if (c == '.' || c == 'e' || c == 'E') {
                return MISSING;
            }
        }
        pos = i;
        return negative ? -value : value;
    }

    /** 1 for true, 0 for false, -1 for anything else. */
    private int bool() {
        if (literal("true")) {
            return 1;
        }
        return literal("false") ? 0 : -1;
    }

    /** Moves past {@code word} when it is at {@code pos}; what follows it is checked by the caller. */
    private boolean literal(String word) {
        if (text.startsWith(word, pos)) {
            pos += word.length();
            return true;
        }
        return false;
    }

    /** Moves past a string, integer, true, false or null; false for anything else (an object, an array, a fraction). */
    private boolean skipScalar() {
        char c = peek();
        if (c == '"') {
            return stringEnd() >= 0;
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return integer() != MISSING;
        }
        return literal("true") || literal("false") || literal("null");
    }

    private char peek() {
        return pos < end ? text.charAt(pos) : END;
    }

    private void skipWhitespace() {
        while (pos < end) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }
}
