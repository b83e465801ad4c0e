package perpwatch.functions.guards;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * One metric's verdict. {@code UNKNOWN} is missing, stale, unreadable or unprovable data: it is never read as "fine",
 * and on a required metric it is a breach (see {@link StatusRule}).
 */
public enum GuardState {
    PASS,
    WARN,
    BREACH,
    UNKNOWN;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
