package perpwatch.feeds.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a small control-plane or event frame as a JSON object tree; anything else is a malformed frame. */
public final class JsonFrames {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonFrames() {}

    public static JsonNode object(String text) throws MalformedFrameException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedFrameException("not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedFrameException("not a JSON object");
        }
        return root;
    }
}
