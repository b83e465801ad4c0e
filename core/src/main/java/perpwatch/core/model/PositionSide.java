package perpwatch.core.model;

import java.util.Locale;
import perpwatch.core.stream.MalformedRecordException;

/** The side of the position that was liquidated (not the side of the order that closed it). */
public enum PositionSide {
    LONG,
    SHORT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PositionSide fromWire(String value) {
        if ("long".equals(value)) {
            return LONG;
        }
        if ("short".equals(value)) {
            return SHORT;
        }
        throw new MalformedRecordException("side must be 'long' or 'short', not '" + value + "'");
    }
}
