package perpwatch.feeds.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SubscriptionTrackerTest {
    static final Duration BUDGET = Duration.ofSeconds(30);

    @Test
    void aConnectionIsPendingUntilTheVenueAcknowledges() {
        SubscriptionTracker t = new SubscriptionTracker();
        assertEquals(SubscriptionState.PENDING, t.state());
        assertFalse(t.subscribedAndAnswering(OptionalLong.of(1_000), 1_000, BUDGET), "answering pings is not enough");
        assertTrue(t.acknowledge());
        assertFalse(t.acknowledge(), "the second ack (or push) changes nothing");
        assertTrue(t.subscribedAndAnswering(OptionalLong.of(1_000), 1_000, BUDGET));
        assertFalse(t.subscribedAndAnswering(OptionalLong.of(1_000), 31_000, BUDGET), "subscribed but silent");
        assertFalse(t.subscribedAndAnswering(OptionalLong.empty(), 1_000, BUDGET), "subscribed but disconnected");
    }

    @Test
    void aRefusalHoldsUntilTheNextConnectionIsAcknowledged() {
        SubscriptionTracker t = new SubscriptionTracker();
        Refusal refusal = new Refusal("60018", "Wrong URL or channel");
        assertTrue(t.refuse(refusal));
        assertEquals(SubscriptionState.REFUSED, t.state());
        assertFalse(t.acknowledge(), "nothing on a refused connection undoes the refusal");
        assertFalse(t.subscribedAndAnswering(OptionalLong.of(1_000), 1_000, BUDGET));
        t.reset();
        assertEquals(SubscriptionState.PENDING, t.state(), "a reconnect starts over");
        assertEquals(Optional.of(refusal), t.lastRefusal(), "and remembers why the last one failed");
        assertTrue(t.acknowledge());
        assertEquals(Optional.empty(), t.lastRefusal());
    }

    @Test
    void anErrorAfterTheAckIsNotARefusal() {
        SubscriptionTracker t = new SubscriptionTracker();
        t.acknowledge();
        assertFalse(t.refuse(new Refusal("60012", "Invalid request")));
        assertEquals(SubscriptionState.ACKNOWLEDGED, t.state());
    }

    @Test
    void everyReconnectResetsToPending() {
        SubscriptionTracker t = new SubscriptionTracker();
        t.acknowledge();
        t.reset();
        assertEquals(SubscriptionState.PENDING, t.state());
        assertFalse(t.subscribedAndAnswering(OptionalLong.of(1_000), 1_000, BUDGET));
    }
}
