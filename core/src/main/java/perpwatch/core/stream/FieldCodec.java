package perpwatch.core.stream;

import java.util.Map;

/**
 * Converts a record to the string field map Redis Streams store, and back. Decoding is strict: a missing or
 * unparsable field throws {@link MalformedRecordException}, so a reader never mistakes a broken entry for data.
 */
public interface FieldCodec<T> {
    Map<String, String> encode(T value);

    T decode(Map<String, String> fields);
}
