package perpwatch.functions.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import perpwatch.core.config.Env;
import perpwatch.core.config.RereadGate;
import perpwatch.core.config.SecretSource;
import perpwatch.functions.webhook.WebhookSecrets.Verdict;

/** Rotation of the Helius webhook secret: both versions accepted, a re-read on refusal, at most once a minute. */
class WebhookSecretsTest {
    static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:perpwatch-dev-helius-auth-AbCdEf";

    /** Secrets Manager's versions of one secret, and how many reads it served. */
    static final class VersionedSecret implements SecretSource {
        final Map<String, String> stages = new HashMap<>();
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public String secretString(String arn) {
            return secretString(arn, CURRENT).orElseThrow();
        }

        @Override
        public Optional<String> secretString(String arn, String versionStage) {
            reads.incrementAndGet();
            return Optional.ofNullable(stages.get(versionStage));
        }

        void rotate(String next) {
            stages.put(PREVIOUS, stages.get(CURRENT));
            stages.put(CURRENT, next);
        }
    }

    private final AtomicLong nanos = new AtomicLong();
    private final RereadGate gate = new RereadGate(Duration.ofMinutes(1), nanos::get);

    @Test
    void afterARotationTheNewValueIsAcceptedByAnInstanceThatReadTheOldOneAndTheOldOneStillIs() {
        VersionedSecret store = new VersionedSecret();
        store.stages.put(SecretSource.CURRENT, "first");
        WebhookSecrets secrets = WebhookSecrets.fromEnv(Env.of(Map.of(WebhookSecrets.ARN_ENV, ARN)), store, gate);
        assertEquals(Verdict.ACCEPTED, secrets.check("first"));

        store.rotate("second");
        assertEquals(Verdict.ACCEPTED, secrets.check("second"), "refused at first, so read again: now known");
        assertEquals(Verdict.ACCEPTED, secrets.check("first"), "AWSPREVIOUS is still accepted");
        assertEquals(Verdict.REFUSED, secrets.check("third"));
    }

    @Test
    void aFloodOfBadAuthReadsTheSecretAtMostOnceAMinute() {
        VersionedSecret store = new VersionedSecret();
        store.stages.put(SecretSource.CURRENT, "right");
        WebhookSecrets secrets = WebhookSecrets.fromEnv(Env.of(Map.of(WebhookSecrets.ARN_ENV, ARN)), store, gate);
        int atStart = store.reads.get();
        for (int i = 0; i < 1_000; i++) {
            assertEquals(Verdict.REFUSED, secrets.check("wrong-" + i));
        }
        assertEquals(atStart + 2, store.reads.get(), "one re-read (current and previous) for the whole flood");

        nanos.addAndGet(Duration.ofSeconds(61).toNanos());
        secrets.check("wrong-again");
        assertEquals(atStart + 4, store.reads.get(), "a minute later, one more");
    }

    @Test
    void locallyTwoValuesFromTheEnvironmentAreAcceptedAndNoneMeansUnavailable() {
        WebhookSecrets secrets = WebhookSecrets.fromEnv(
                Env.of(Map.of(WebhookSecrets.AUTH_ENV, "new", WebhookSecrets.PREVIOUS_ENV, "old")),
                arn -> {
                    throw new AssertionError("no secret to read");
                },
                gate);
        assertEquals(Verdict.ACCEPTED, secrets.check("new"));
        assertEquals(Verdict.ACCEPTED, secrets.check("old"));
        assertEquals(Verdict.REFUSED, secrets.check(null));
        assertEquals(
                Verdict.UNAVAILABLE,
                WebhookSecrets.fromEnv(Env.of(Map.of()), arn -> "x", gate).check("x"));
    }
}
