package perpwatch.feeds.metrics;

import java.util.Locale;

/**
 * A counter's name, typed so that a misspelt counter fails to compile instead of starting a new one. Implemented by
 * enums of one concern each; {@link #key()} is the constant's name in lower case ({@code SUBSCRIBE_REFUSED} →
 * {@code subscribe_refused}), the name health and the stats line show, as before the names were typed.
 */
public interface CounterKey {
    /** The enum constant's name. */
    String name();

    default String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
