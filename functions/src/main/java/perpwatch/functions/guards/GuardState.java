package perpwatch.functions.guards;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * One metric's verdict. {@code UNKNOWN} is missing, stale, unreadable or unprovable data: it is never read as "fine",
 * and on a required metric it is a breach (see {@link StatusRule}). {@code NOT_CONFIGURED} is a metric whose venue the
 * instrument does not list: no feed runs for it, so its absence says nothing about the market and is not a warning;
 * but a required metric that can never be known is a breach all the same.
 */
public enum GuardState {
    PASS,
    WARN,
    BREACH,
    UNKNOWN,
    NOT_CONFIGURED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
