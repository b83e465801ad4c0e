package perpwatch.core.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Typed access to configuration variables (environment by default). Every module's Config record is
 * built from one of these, so a bad value fails at start-up with the variable's name in the message
 * instead of surfacing later as a NumberFormatException deep inside a worker.
 */
public final class Env {
    private final Function<String, String> lookup;

    public Env(Function<String, String> lookup) {
        this.lookup = Objects.requireNonNull(lookup);
    }

    public static Env system() {
        return new Env(System::getenv);
    }

    public static Env of(Map<String, String> values) {
        return new Env(values::get);
    }

    /** Values in {@code overrides} win; everything else falls through to this environment. */
    public Env with(Map<String, String> overrides) {
        return new Env(name -> overrides.containsKey(name) ? overrides.get(name) : lookup.apply(name));
    }

    /**
     * This environment, where a variable {@code NAME} that is unset falls back to the secret whose ARN is in
     * {@code NAME_SECRET_ARN}, read from {@code secrets} on first use and kept: a secret's value never has to sit in
     * an environment variable. An unreadable secret fails with the variable's name, like any bad value.
     */
    public Env withSecrets(SecretSource secrets) {
        Map<String, String> read = new ConcurrentHashMap<>();
        return new Env(name -> {
            String direct = lookup.apply(name);
            String arn = lookup.apply(name + SECRET_ARN_SUFFIX);
            if ((direct != null && !direct.isBlank()) || arn == null || arn.isBlank()) {
                return direct;
            }
            return read.computeIfAbsent(arn.trim(), a -> {
                try {
                    return secrets.secretString(a);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(
                            name + SECRET_ARN_SUFFIX + ": cannot read secret " + a + ": " + e.getMessage(), e);
                }
            });
        });
    }

    public static final String SECRET_ARN_SUFFIX = "_SECRET_ARN";

    public String string(String name, String defaultValue) {
        String value = lookup.apply(name);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    public int integer(String name, int defaultValue) {
        String value = string(name, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": expected an integer, got '" + value + "'");
        }
    }

    public double decimal(String name, double defaultValue) {
        String value = string(name, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": expected a number, got '" + value + "'");
        }
    }

    /**
     * Durations are written in milliseconds ({@code 1500}) or with a unit ({@code 500ms}, {@code 30s}, {@code 5m},
     * {@code 1h}, {@code 7d}).
     */
    public Duration duration(String name, Duration defaultValue) {
        String value = string(name, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            return parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    name + ": expected a duration like 500ms, 30s, 5m, 1h or 7d, got '" + value + "'");
        }
    }

    static Duration parseDuration(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        char unit = v.charAt(v.length() - 1);
        if (Character.isDigit(unit)) {
            return Duration.ofMillis(Long.parseLong(v));
        }
        long amount = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (unit) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            // Retention-sized settings (the Helius dedupe TTL, 7d) read better in days than as 168h.
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("unknown unit " + unit);
        };
    }
}
