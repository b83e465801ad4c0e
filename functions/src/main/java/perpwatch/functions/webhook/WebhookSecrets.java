package perpwatch.functions.webhook;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.config.Env;
import perpwatch.core.config.Redactor;
import perpwatch.core.config.RereadGate;
import perpwatch.core.config.SecretSource;

/**
 * The {@code Authorization} values the Helius webhook accepts: the secret's current version and the one before it, so
 * a rotation never turns Helius' deliveries into 401s. Helius is given the new value some time after Secrets Manager
 * has it, and a Lambda instance (or its SnapStart snapshot) holds the values it read at start-up: so a request that
 * matches neither makes the instance read both again, at most once a minute (a flood of bad requests must not become
 * a flood of Secrets Manager calls), before it is refused.
 *
 * <p>Where the values come from: {@code PERPWATCH_HELIUS_AUTH_SECRET_ARN} (the {@code AWSCURRENT} and
 * {@code AWSPREVIOUS} versions), or locally {@code PERPWATCH_HELIUS_AUTH} and {@code PERPWATCH_HELIUS_AUTH_PREVIOUS}.
 * Neither set: not configured, and every delivery is refused with 503 (fail closed).
 */
public final class WebhookSecrets {
    public static final String AUTH_ENV = "PERPWATCH_HELIUS_AUTH";
    public static final String PREVIOUS_ENV = "PERPWATCH_HELIUS_AUTH_PREVIOUS";
    public static final String ARN_ENV = AUTH_ENV + Env.SECRET_ARN_SUFFIX;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSecrets.class);

    /** What a presented value was checked against. */
    public enum Verdict {
        /** Matches the current or the previous version. */
        ACCEPTED,
        /** Matches neither, even after reading them again (or a re-read was not due). */
        REFUSED,
        /** No value to compare with: nothing configured, or the secret could not be read. */
        UNAVAILABLE
    }

    private final boolean configured;
    private final Supplier<List<String>> reader;
    private final RereadGate rereads;
    private volatile List<byte[]> accepted;

    WebhookSecrets(boolean configured, Supplier<List<String>> reader, RereadGate rereads) {
        this.configured = configured;
        this.reader = reader;
        this.rereads = rereads;
        this.accepted = read();
    }

    /** From {@code env} as it is, not {@link Env#withSecrets}: the ARN is read here, both versions, again on demand. */
    public static WebhookSecrets fromEnv(Env env, SecretSource secrets) {
        return fromEnv(env, secrets, RereadGate.perMinute());
    }

    static WebhookSecrets fromEnv(Env env, SecretSource secrets, RereadGate rereads) {
        String direct = env.string(AUTH_ENV, null);
        String arn = env.string(ARN_ENV, null);
        if (direct != null) {
            String previous = env.string(PREVIOUS_ENV, null);
            List<String> values = previous == null ? List.of(direct) : List.of(direct, previous);
            return new WebhookSecrets(true, () -> values, rereads);
        }
        if (arn != null) {
            return new WebhookSecrets(
                    true,
                    () -> {
                        List<String> values = new ArrayList<>(2);
                        secrets.secretString(arn, SecretSource.CURRENT).ifPresent(values::add);
                        secrets.secretString(arn, SecretSource.PREVIOUS).ifPresent(values::add);
                        return values;
                    },
                    rereads);
        }
        return new WebhookSecrets(false, List::of, rereads);
    }

    public boolean configured() {
        return configured;
    }

    /** Checks {@code presented} in constant time against each accepted value; may read the values again, see above. */
    public Verdict check(String presented) {
        if (!configured) {
            return Verdict.UNAVAILABLE;
        }
        if (matches(presented, accepted)) {
            return Verdict.ACCEPTED;
        }
        if (rereads.tryAcquire()) {
            accepted = read();
            if (matches(presented, accepted)) {
                LOG.info("helius webhook secret re-read after a refused request: it had been rotated");
                return Verdict.ACCEPTED;
            }
        }
        return accepted.isEmpty() ? Verdict.UNAVAILABLE : Verdict.REFUSED;
    }

    private List<byte[]> read() {
        if (!configured) {
            return List.of();
        }
        try {
            List<byte[]> values = new ArrayList<>(2);
            for (String v : reader.get()) {
                values.add(v.getBytes(StandardCharsets.UTF_8));
            }
            return List.copyOf(values);
        } catch (RuntimeException e) {
            // Keep what we had: a Secrets Manager blip must not lock Helius out of an instance that knew the value.
            LOG.error("cannot read the helius webhook secret: {}", Redactor.message(e));
            return accepted == null ? List.of() : accepted;
        }
    }

    private static boolean matches(String presented, List<byte[]> values) {
        if (presented == null) {
            return false;
        }
        byte[] p = presented.getBytes(StandardCharsets.UTF_8);
        boolean any = false;
        for (byte[] v : values) {
            any |= WebhookAuth.matches(p, v); // every value compared: the time says nothing about which matched
        }
        return any;
    }
}
