package perpwatch.functions.api;

import perpwatch.core.instrument.Instrument;
import perpwatch.core.instrument.InstrumentRegistry;

/** Parsing of the query parameters several routes share, each failure a 400 that names the parameter. */
public final class QueryParameters {
    public static final int MAX_HOURS = 168;

    private QueryParameters() {
    }

    /** {@code hours}: a whole number from 1 to 168 (a week: the longest retention of the hot streams). */
    public static int hours(String raw, int defaultHours) {
        if (raw == null || raw.isBlank()) {
            return defaultHours;
        }
        int hours;
        try {
            hours = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new BadParameterException("hours", "hours must be a whole number from 1 to " + MAX_HOURS + ", not '" + raw + "'");
        }
        if (hours < 1 || hours > MAX_HOURS) {
            throw new BadParameterException("hours", "hours must be from 1 to " + MAX_HOURS + ", not " + hours);
        }
        return hours;
    }

    /** {@code symbol}: a configured instrument, case-insensitive. */
    public static Instrument symbol(String raw, InstrumentRegistry instruments) {
        return instruments.find(raw).orElseThrow(() -> new BadParameterException("symbol",
                "unknown symbol '" + raw + "'; known: " + instruments.all().stream().map(Instrument::canonical).toList()));
    }
}
