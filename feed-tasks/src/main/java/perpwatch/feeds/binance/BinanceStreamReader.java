package perpwatch.feeds.binance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.function.Supplier;
import perpwatch.feeds.parse.JsonTokens;
import perpwatch.feeds.parse.MalformedFrameException;

/**
 * Reads one frame of a Binance USDⓈ-M market stream, raw ({@code /ws/solusdt@aggTrade}) or wrapped by the combined
 * endpoint ({@code {"stream":…,"data":{…}}}). Streaming Jackson, no tree: this runs for every trade and every diff.
 * The envelope and what every stream shares are read here: the event type, symbol and event time, the reply to a
 * request ({@code {"result":null,"id":1}}) and the venue's error ({@code {"code":2,"msg":…}}). An event's own fields
 * go to its {@link EventFields}. Unknown fields are skipped (Binance adds fields without notice); a known field of
 * the wrong type makes the frame malformed rather than guessed at.
 */
public final class BinanceStreamReader {
    /** A long field the frame did not carry. */
    public static final long MISSING = Long.MIN_VALUE;

    private static final JsonFactory JSON = new JsonFactory();

    /** The fields of one event type, collected from one JSON object (a new instance per object). */
    public interface EventFields {
        /** Reads {@code field} when it is one of the event's; false leaves it to the envelope, which skips it. */
        boolean read(String field, JsonToken value, JsonParser parser) throws IOException, MalformedFrameException;

        /** The event from what was read; {@code eventTime} may be {@link #MISSING}. */
        BinanceFrame build(String symbol, long eventTime, long recvMs) throws MalformedFrameException;
    }

    private final String eventType;
    private final Supplier<EventFields> fields;

    /**
     * @param eventType the {@code e} this stream carries ({@code aggTrade}, {@code depthUpdate}); other events come
     *                  back as {@link BinanceFrame.Unhandled}
     */
    public BinanceStreamReader(String eventType, Supplier<EventFields> fields) {
        this.eventType = eventType;
        this.fields = fields;
    }

    public BinanceFrame parse(String text, long recvMs) throws MalformedFrameException {
        try (JsonParser parser = JSON.createParser(text)) {
            JsonTokens.expectObject(parser);
            BinanceFrame frame = readObject(parser, recvMs, true);
            JsonTokens.expectEnd(parser);
            return frame;
        } catch (JsonProcessingException e) {
            throw new MalformedFrameException("invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedFrameException("unreadable frame: " + e.getMessage(), e);
        }
    }

    private BinanceFrame readObject(JsonParser parser, long recvMs, boolean outermost)
            throws IOException, MalformedFrameException {
        EventFields event = fields.get();
        String type = null;
        String symbol = null;
        String message = null;
        long eventTime = MISSING;
        long id = MISSING;
        long code = MISSING;
        boolean hasResult = false;
        BinanceFrame wrapped = null;

        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "e" -> type = JsonTokens.string(parser, value, field);
                case "s" -> symbol = JsonTokens.string(parser, value, field);
                case "E" -> eventTime = JsonTokens.integer(parser, value, field);
                case "msg" -> message = JsonTokens.string(parser, value, field);
                case "id" -> id = value == JsonToken.VALUE_NULL ? MISSING : JsonTokens.integer(parser, value, field);
                case "code" -> code = JsonTokens.integer(parser, value, field);
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
                default -> {
                    if (!event.read(field, value, parser)) {
                        parser.skipChildren();
                    }
                }
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new MalformedFrameException("truncated JSON object");
        }
        if (wrapped != null) {
            return wrapped;
        }
        if (eventType.equals(type)) {
            return event.build(symbol, eventTime, recvMs);
        }
        if (code != MISSING) {
            return new BinanceFrame.VenueError(code, message == null ? "" : message);
        }
        if (hasResult) {
            return new BinanceFrame.Ack(id);
        }
        if (type != null) {
            return new BinanceFrame.Unhandled(type);
        }
        throw new MalformedFrameException("neither an event, an ack nor an error");
    }
}
