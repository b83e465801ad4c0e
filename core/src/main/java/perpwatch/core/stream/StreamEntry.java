package perpwatch.core.stream;

import java.util.Map;

/** One entry read back from a Redis Stream: its id ({@code <ms>-<seq>}) and its string fields. */
public record StreamEntry(String id, Map<String, String> fields) {
    public StreamEntry {
        fields = Map.copyOf(fields);
    }

    /** The millisecond part of the entry id: when Redis accepted the entry. */
    public long idTimeMs() {
        int dash = id.indexOf('-');
        return Long.parseLong(dash < 0 ? id : id.substring(0, dash));
    }

    public String field(String name) {
        return fields.get(name);
    }
}
