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
}
