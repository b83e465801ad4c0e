package perpwatch.feeds.velocity;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import perpwatch.feeds.parse.JsonTokens;
import perpwatch.feeds.parse.MalformedFrameException;

/**
 * Parses the DLOB WebSocket's frames. A book push carries the L2 document as a JSON <em>string</em> in {@code data}
 * (the server forwards the Redis message unparsed); the grouped channels, which are what a subscription is served
 * from, write level numbers as JSON numbers, and the first frame after a subscribe may be the stored base document
 * with strings, so a book push accepts either form.
 */
public final class DlobFrameParser {
    private static final JsonFactory JSON = new JsonFactory();
    private final DlobBookReader reader = new DlobBookReader();

    public Outcome<DlobFrame> parse(String text) {
        String channel = null;
        String data = null;
        String error = null;
        String message = null;
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken first;
            try {
                first = parser.nextToken();
            } catch (JsonProcessingException e) {
                return Outcome.rejected(Rejection.NOT_JSON, e.getOriginalMessage());
            }
            if (first != JsonToken.START_OBJECT) {
                return Outcome.rejected(Rejection.MALFORMED, "a frame is a JSON object, got " + first);
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "channel" -> channel = JsonTokens.string(parser, value, field);
                    case "data" -> data = JsonTokens.string(parser, value, field);
                    case "message" -> message = JsonTokens.string(parser, value, field);
                    case "error" -> error = value == JsonToken.VALUE_STRING ? parser.getText() : asText(parser, value);
                    default -> parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return Outcome.rejected(Rejection.MALFORMED, "truncated frame or trailing content");
            }
        } catch (JsonProcessingException e) {
            return Outcome.rejected(Rejection.MALFORMED, "invalid JSON: " + e.getOriginalMessage());
        } catch (IOException | MalformedFrameException e) {
            return Outcome.rejected(Rejection.MALFORMED, e.getMessage());
        }
        if (error != null) {
            return Outcome.accepted(new DlobFrame.VenueError(channel, error));
        }
        if ("heartbeat".equals(channel)) {
            return Outcome.accepted(new DlobFrame.Heartbeat());
        }
        if (channel == null) {
            return message != null
                    ? Outcome.accepted(new DlobFrame.SubscribeAck(message))
                    : Outcome.rejected(Rejection.MALFORMED, "neither a push, a heartbeat, an ack nor an error");
        }
        if (!channel.startsWith("orderbook_")) {
            return Outcome.accepted(new DlobFrame.Other(channel));
        }
        if (data == null) {
            return Outcome.rejected(Rejection.MALFORMED, "book push on '" + channel + "' without data");
        }
        try {
            return Outcome.accepted(new DlobFrame.Orderbook(channel, reader.read(data, NumberForm.EITHER)));
        } catch (DlobBookReader.NotJsonException e) {
            return Outcome.rejected(Rejection.NOT_JSON, "data of '" + channel + "': " + e.getMessage());
        } catch (MalformedFrameException e) {
            return Outcome.rejected(Rejection.MALFORMED, "data of '" + channel + "': " + e.getMessage());
        }
    }

    private static String asText(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            parser.skipChildren();
            return "(structured error)";
        }
        return parser.getText();
    }
}
