package perpwatch.core.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import perpwatch.core.instrument.Instrument;

class FeedLinkTest {
    @Test
    void statusRoundTripsAsStateAndTime() {
        FeedLink.Status status = new FeedLink.Status(FeedLink.State.REFUSED, 1_767_225_600_000L);
        assertEquals("refused 1767225600000", status.encode());
        assertEquals(Optional.of(status), FeedLink.Status.decode(status.encode()));
    }

    @Test
    void anUnreadableValueIsNoStatus() {
        assertEquals(Optional.empty(), FeedLink.Status.decode(null));
        assertEquals(
                Optional.empty(), FeedLink.Status.decode("1767225600000"), "a bare heartbeat time is not a status");
        assertEquals(Optional.empty(), FeedLink.Status.decode("alive 1"));
        assertEquals(Optional.empty(), FeedLink.Status.decode("subscribed soon"));
    }

    @Test
    void keyNamesTaskSymbolAndVenue() {
        assertEquals(
                "feed:liquidations:sol:okx",
                StreamKeys.feedLink(Instrument.sol(), new FeedLink("liquidations", "okx")));
    }
}
