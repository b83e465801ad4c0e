package perpwatch.functions.api;

import perpwatch.core.instrument.Instrument;
import perpwatch.core.instrument.InstrumentRegistry;

/** Parsing of the query parameters several routes share, each failure a 400 that names the parameter. */
public final class QueryParameters {
    public static final int MAX_HOURS = 168;

    private QueryParameters() {}

    /** {@code hours}: a whole number from 1 to 168 (a week: the longest retention of the hot streams). */
    public static int hours(String raw, int defaultHours) {
        return hours(raw, defaultHours, MAX_HOURS);
    }

    /** {@code hours} for a route whose data is kept longer than a week (the decision log: 30 days). */
    public static int hours(String raw, int defaultHours, int maxHours) {
        return wholeNumber("hours", raw, defaultHours, maxHours);
    }

    /** {@code limit}: how many items at most, from 1 to {@code max}. */
    public static int limit(String raw, int defaultLimit, int max) {
        return wholeNumber("limit", raw, defaultLimit, max);
    }

    private static int wholeNumber(String name, String raw, int defaultValue, int max) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new BadParameterException(
                    name, name + " must be a whole number from 1 to " + max + ", not '" + raw + "'");
        }
        if (value < 1 || value > max) {
            throw new BadParameterException(name, name + " must be from 1 to " + max + ", not " + value);
        }
        return value;
    }

    /** {@code symbol}: a configured instrument, case-insensitive. */
    public static Instrument symbol(String raw, InstrumentRegistry instruments) {
        return instruments
                .find(raw)
                .orElseThrow(() -> new BadParameterException(
                        "symbol",
                        "unknown symbol '" + raw + "'; known: "
                                + instruments.all().stream()
                                        .map(Instrument::canonical)
                                        .toList()));
    }
}
