package perpwatch.feeds.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void doublesFromOneSecondToSixtyWithJitterBounds() {
        Backoff b = Backoff.standard();
        assertEquals(1_000, b.delay(1, () -> 0.5).toMillis());
        assertEquals(2_000, b.delay(2, () -> 0.5).toMillis());
        assertEquals(32_000, b.delay(6, () -> 0.5).toMillis());
        assertEquals(60_000, b.delay(7, () -> 0.5).toMillis());
        assertEquals(60_000, b.delay(1_000, () -> 0.5).toMillis());
        assertEquals(800, b.delay(1, () -> 0.0).toMillis());
        assertEquals(1_200, b.delay(1, () -> 1.0).toMillis());
        assertEquals(48_000, b.delay(50, () -> 0.0).toMillis());
        assertEquals(60_000, b.delay(50, () -> 1.0).toMillis(), "jitter never exceeds the cap");
        assertEquals(
                Duration.ofMillis(2), new Backoff(Duration.ofMillis(1), Duration.ofMillis(2), 0).delay(9, () -> 0.3));
    }
}
