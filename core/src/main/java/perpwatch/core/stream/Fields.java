package perpwatch.core.stream;

import java.math.BigDecimal;
import java.util.Map;

/** Strict readers and the canonical writer for stream field values (plain decimal strings, epoch ms). */
public final class Fields {
    private Fields() {}

    /** Plain notation without trailing zeros: {@code 7.6120} and {@code 7.612} are written as {@code 7.612}. */
    public static String decimal(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        return value.stripTrailingZeros().toPlainString();
    }

    public static String text(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw new MalformedRecordException("missing field '" + name + "'");
        }
        return value;
    }

    public static BigDecimal decimal(Map<String, String> fields, String name) {
        String value = text(fields, name);
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new MalformedRecordException("field '" + name + "' is not a decimal: '" + value + "'");
        }
    }

    public static long integer(Map<String, String> fields, String name) {
        String value = text(fields, name);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new MalformedRecordException("field '" + name + "' is not an integer: '" + value + "'");
        }
    }
}
