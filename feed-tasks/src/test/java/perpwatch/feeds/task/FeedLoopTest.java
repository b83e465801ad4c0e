package perpwatch.feeds.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import perpwatch.core.stream.FeedLink;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.parse.MalformedFrameException;
import perpwatch.feeds.subscription.Refusal;
import perpwatch.feeds.subscription.SubscriptionState;
import perpwatch.feeds.ws.Backoff;
import perpwatch.feeds.ws.CloseReason;
import perpwatch.feeds.ws.Disconnect;
import perpwatch.feeds.ws.ReconnectPolicy;
import perpwatch.feeds.ws.WebSocketSession;

/** The loop's side of a venue link, driven directly: no socket is started, so nothing connects. */
class FeedLoopTest {
    /** A venue whose frames are "ack", "refused", "data" or anything else (malformed). */
    private static final class ScriptedVenue implements VenueStream<String> {
        final List<String> events = new ArrayList<>();

        @Override
        public void subscribe(WebSocketSession session) {
            events.add("subscribe");
        }

        @Override
        public void connected() {
            events.add("connected");
        }

        @Override
        public void disconnected(Disconnect disconnect) {
            events.add("disconnected:" + disconnect.reason());
        }

        @Override
        public String parse(String text, long recvMs) throws MalformedFrameException {
            if (!List.of("ack", "refused", "data").contains(text)) {
                throw new MalformedFrameException("not a frame: " + text);
            }
            return text;
        }

        @Override
        public void handle(String frame, long recvMs, LinkControl link) {
            events.add(frame);
            switch (frame) {
                case "ack" -> link.acknowledged("ack");
                case "refused" -> link.refused(new Refusal("60018", "no such channel"));
                default -> {}
            }
        }
    }

    private final FeedCounters counters = new FeedCounters();
    private final ScriptedVenue venue = new ScriptedVenue();
    private final FeedLoop<String> loop = new FeedLoop<>(
            "test",
            new FeedLink("test-task", "test"),
            URI.create("ws://127.0.0.1:1/unused"),
            new ReconnectPolicy(
                    new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), 0.2),
                    Duration.ofSeconds(60),
                    Duration.ofSeconds(30),
                    Optional.empty(),
                    Optional.empty(),
                    Duration.ofSeconds(1)),
            counters,
            venue);

    @Test
    void malformedFramesAreCountedAndNeverHandled() {
        loop.onOpen(text -> {});
        loop.onText("garbage", 1);
        loop.onText("data", 2);
        loop.onText("more garbage", 3);
        assertEquals(3, counters.get("frames"));
        assertEquals(2, counters.get("malformed"));
        assertEquals(List.of("connected", "subscribe", "data"), venue.events);
    }

    @Test
    void everyConnectionStartsUnsubscribedUntilTheVenueAcknowledges() {
        loop.onOpen(text -> {});
        assertEquals(SubscriptionState.PENDING, loop.subscriptionState());
        loop.onText("ack", 1);
        assertEquals(SubscriptionState.ACKNOWLEDGED, loop.subscriptionState());
        loop.onDisconnect(new Disconnect(CloseReason.ROTATION, "rotation after PT24H"));
        assertEquals(SubscriptionState.PENDING, loop.subscriptionState());
        assertEquals(1, counters.get("connects"));
        assertEquals(1, counters.get("disconnects"));
        assertEquals("disconnected:ROTATION", venue.events.get(venue.events.size() - 1));
    }

    @Test
    void anErrorWhilePendingIsTheRefusalAndAfterTheAckAVenueError() {
        loop.onOpen(text -> {});
        loop.onText("refused", 1);
        assertEquals(SubscriptionState.REFUSED, loop.subscriptionState());
        assertEquals(1, counters.get("subscribe_refused"));
        assertEquals(0, counters.get("venue_errors"));

        loop.onOpen(text -> {});
        loop.onText("ack", 2);
        loop.onText("refused", 3);
        assertEquals(SubscriptionState.ACKNOWLEDGED, loop.subscriptionState());
        assertEquals(1, counters.get("subscribe_refused"));
        assertEquals(1, counters.get("venue_errors"));
    }
}
