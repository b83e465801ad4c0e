package perpwatch.feeds.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import perpwatch.feeds.throttle.ChangeThrottle.Reason;
import perpwatch.feeds.throttle.ChangeThrottle.Release;

class ChangeThrottleTest {
    /** A value and the time it was made; only the value is the view. */
    record Quote(String value, long at) {}

    private final ChangeThrottle<Quote> t = new ChangeThrottle<>(100, 1_000, Quote::value);

    private static Optional<Release<Quote>> released(String value, long at, Reason reason) {
        return Optional.of(new Release<>(new Quote(value, at), reason));
    }

    @Test
    void aBurstWithinTheIntervalPublishesOnceThenTheNewest() {
        assertEquals(released("a", 10_000, Reason.CHANGED), t.offer(new Quote("a", 10_000), 10_000));
        assertTrue(t.offer(new Quote("b", 10_020), 10_020).isEmpty());
        assertTrue(t.offer(new Quote("c", 10_060), 10_060).isEmpty());
        assertTrue(t.poll(10_099).isEmpty());
        assertEquals(
                released("c", 10_060, Reason.CHANGED),
                t.poll(10_100),
                "the newest of the burst, once the interval passed");
        assertTrue(t.poll(10_200).isEmpty(), "nothing new, nothing published");
    }

    @Test
    void aChangeAfterTheIntervalGoesOutAtOnce() {
        t.offer(new Quote("a", 0), 0);
        assertEquals(released("b", 100, Reason.CHANGED), t.offer(new Quote("b", 100), 100));
        assertEquals(released("c", 250, Reason.CHANGED), t.offer(new Quote("c", 250), 250));
    }

    @Test
    void anUnchangedValueGoesOutOnlyAsAKeepalive() {
        t.offer(new Quote("a", 0), 0);
        for (long now = 100; now < 1_000; now += 100) {
            assertTrue(t.offer(new Quote("a", now), now).isEmpty(), "unchanged at " + now);
        }
        assertEquals(
                released("a", 900, Reason.KEEPALIVE), t.poll(1_000), "the newest copy, a second after the last entry");
        assertTrue(t.poll(2_500).isEmpty(), "no keepalive without a new offer: nothing was heard");
        assertEquals(released("a", 2_600, Reason.KEEPALIVE), t.offer(new Quote("a", 2_600), 2_600));
    }

    @Test
    void aChangeUndoneWithinTheIntervalIsNeverPublished() {
        t.offer(new Quote("a", 0), 0);
        t.offer(new Quote("b", 30), 30);
        t.offer(new Quote("a", 60), 60);
        assertTrue(t.poll(100).isEmpty(), "the view is back to what readers have");
    }

    @Test
    void aDiscardedValueIsNotPublished() {
        t.offer(new Quote("a", 0), 0);
        t.offer(new Quote("b", 50), 50);
        t.discard();
        assertTrue(t.poll(5_000).isEmpty());
    }

    @Test
    void theKeepaliveCannotBeShorterThanTheInterval() {
        assertThrows(IllegalArgumentException.class, () -> new ChangeThrottle<Quote>(100, 99, Quote::value));
    }
}
