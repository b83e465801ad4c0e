package perpwatch.feeds.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LatestValueThrottleTest {
    @Test
    void atMostOncePerIntervalAndTheNewestWins() {
        LatestValueThrottle<String> t = new LatestValueThrottle<>(1_000);
        assertEquals(Optional.of("a"), t.offer("a", 10_000));
        assertTrue(t.offer("b", 10_100).isEmpty());
        assertTrue(t.offer("c", 10_900).isEmpty());
        assertTrue(t.poll(10_999).isEmpty());
        assertEquals(Optional.of("c"), t.poll(11_000));
        assertTrue(t.poll(12_500).isEmpty(), "nothing new, nothing published");
        assertEquals(Optional.of("d"), t.offer("d", 12_600));
    }
}
