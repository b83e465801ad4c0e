package perpwatch.core.kinesis;

import java.util.Locale;
import java.util.Optional;
import perpwatch.core.config.Env;

/**
 * {@code PERPWATCH_DURABLE_LOG}: whether records also go to the Kinesis log the archive is built from. Parsed here
 * only, so the feed tasks and the functions accept the same values and fail at start-up on the same bad one.
 */
public enum DurableLogMode {
    /** Every record also goes to Kinesis (the default, and what the cloud runs). */
    KINESIS,
    /** No log (a bare local run): Redis is the only store, and nothing may count on the log. */
    OFF;

    public static final String VARIABLE = "PERPWATCH_DURABLE_LOG";

    /** {@code kinesis} when unset. */
    public static DurableLogMode fromEnv(Env env) {
        return parse(env.string(VARIABLE, KINESIS.wire()));
    }

    /** Exactly {@code kinesis} or {@code off}, as before the enum: other spellings are refused. */
    public static DurableLogMode parse(String value) {
        for (DurableLogMode mode : values()) {
            if (mode.wire().equals(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException(VARIABLE + " must be kinesis or off, not '" + value + "'");
    }

    /** The log's configuration when there is one ({@link KinesisConfig#fromEnv}), empty when {@code OFF}. */
    public static Optional<KinesisConfig> configFromEnv(Env env) {
        return fromEnv(env) == OFF ? Optional.empty() : Optional.of(KinesisConfig.fromEnv(env));
    }

    /** The value as written in the variable. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
