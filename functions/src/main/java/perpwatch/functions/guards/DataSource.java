package perpwatch.functions.guards;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where the answer's data stands: {@code LIVE} (everything present is fresh), {@code STALE} (something is too old or
 * unreadable), {@code UNAVAILABLE} (Redis unreachable, or no stream has any data). It describes the data, not the
 * market; {@code status} is the verdict.
 */
public enum DataSource {
    LIVE,
    STALE,
    UNAVAILABLE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value written as {@code data_source} in a decision entry; anything else is refused. */
    public static DataSource fromWire(String wire) {
        for (DataSource value : values()) {
            if (value.wire().equals(wire)) {
                return value;
            }
        }
        throw new IllegalArgumentException("not a data_source: '" + wire + "'");
    }
}
