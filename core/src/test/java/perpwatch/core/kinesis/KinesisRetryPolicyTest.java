package perpwatch.core.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KinesisRetryPolicyTest {
    @Test
    void theSharedPolicyIsThreeCallsFiftyMillisecondsApartThenDoubling() {
        KinesisRetryPolicy policy = KinesisRetryPolicy.DEFAULT;
        assertEquals(3, policy.attempts());
        assertEquals(0, policy.backoffMs(1));
        assertEquals(50, policy.backoffMs(2));
        assertEquals(100, policy.backoffMs(3));
    }

    @Test
    void theBackoffStopsDoublingAfterSixSteps() {
        KinesisRetryPolicy policy = new KinesisRetryPolicy(20, Duration.ofMillis(10));
        assertEquals(640, policy.backoffMs(8));
        assertEquals(640, policy.backoffMs(20));
    }

    @Test
    void aPolicyWithoutACallIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new KinesisRetryPolicy(0, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new KinesisRetryPolicy(1, Duration.ofMillis(-1)));
    }
}
