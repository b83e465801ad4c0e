package perpwatch.core.kinesis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import perpwatch.core.stream.MalformedRecordException;

/**
 * The Kinesis record body: UTF-8 JSON {@code {"stream":"<redis key>","written_ms":<epoch
 * ms>,"id":"<producer>-<n>","fields":{…}}}
 * ({@code id} only when the producer gave one), every
 * field value a string as in Redis. Field order is kept, so a record's bytes are a function of its content.
 */
public final class LogRecordCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LogRecordCodec() {}

    public static byte[] encode(LogRecord record) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stream", record.stream());
        body.put("written_ms", record.writtenMs());
        if (record.id() != null) {
            body.put("id", record.id());
        }
        body.put("fields", record.fields());
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }

    public static LogRecord decode(byte[] bytes) {
        try {
            JsonNode root = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
            if (root == null
                    || !root.path("stream").isTextual()
                    || !root.path("written_ms").canConvertToLong()
                    || !root.path("fields").isObject()) {
                throw new MalformedRecordException("log record lacks stream, written_ms or fields");
            }
            Map<String, String> fields =
                    JSON.convertValue(root.get("fields"), new TypeReference<LinkedHashMap<String, String>>() {});
            String id = root.path("id").isTextual() ? root.get("id").asText() : null;
            return new LogRecord(
                    root.get("stream").asText(), fields, root.get("written_ms").asLong(), id);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MalformedRecordException("log record is not JSON of the expected shape: " + e.getMessage());
        }
    }
}
