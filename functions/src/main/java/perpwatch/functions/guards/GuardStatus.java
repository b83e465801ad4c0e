package perpwatch.functions.guards;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The answer's overall verdict, from every metric's state and the required set (see {@link StatusRule}). */
public enum GuardStatus {
    PASSING,
    WARNING,
    BREACH;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value written as {@code status} in a decision entry; anything else is refused. */
    public static GuardStatus fromWire(String wire) {
        for (GuardStatus value : values()) {
            if (value.wire().equals(wire)) {
                return value;
            }
        }
        throw new IllegalArgumentException("not a status: '" + wire + "'");
    }
}
