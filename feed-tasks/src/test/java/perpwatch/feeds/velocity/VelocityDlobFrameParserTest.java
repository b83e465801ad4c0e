package perpwatch.feeds.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static perpwatch.feeds.velocity.Fixtures.accepted;
import static perpwatch.feeds.velocity.Fixtures.read;
import static perpwatch.feeds.velocity.Fixtures.rejection;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class VelocityDlobFrameParserTest {
    private final DlobFrameParser parser = new DlobFrameParser();

    @Test
    void theRecordedGroupedPushParsesToTheSameBookAsTheHttpAnswer() {
        DlobFrame.Orderbook push = assertInstanceOf(
                DlobFrame.Orderbook.class, accepted(parser.parse(read("ws_orderbook_perp_0_grouped_1.json"))));
        assertEquals("orderbook_perp_0_grouped_1", push.channel());
        DlobBook http = accepted(new DlobL2Answer().parse(200, read("dlob_l2_SOL-PERP.json")));
        assertEquals(http, push.book());
    }

    @Test
    void heartbeatAckAndErrorFramesAreTyped() {
        assertInstanceOf(DlobFrame.Heartbeat.class, accepted(parser.parse(read("ws_heartbeat.json"))));
        DlobFrame.SubscribeAck ack =
                assertInstanceOf(DlobFrame.SubscribeAck.class, accepted(parser.parse(read("ws_subscribe_ack.json"))));
        assertEquals("Subscribe received for channel: orderbook, market: SOL-PERP, marketType: perp", ack.message());
        DlobFrame.VenueError error =
                assertInstanceOf(DlobFrame.VenueError.class, accepted(parser.parse(read("ws_subscribe_error.json"))));
        assertEquals("orderbook", error.channel());
        assertEquals("Error subscribing to channel", error.error());
        assertInstanceOf(
                DlobFrame.VenueError.class,
                accepted(parser.parse("{\"error\":\"Error subscribing to channel: [object Object]\"}")));
    }

    @Test
    void anotherChannelIsSkippedNotParsed() {
        DlobFrame.Other other = assertInstanceOf(
                DlobFrame.Other.class, accepted(parser.parse("{\"channel\":\"trades_perp_0\",\"data\":\"[]\"}")));
        assertEquals("trades_perp_0", other.channel());
    }

    @Test
    void aStoredBaseDocumentWithStringsAlsoParses() {
        String document = read("dlob_l2_SOL-PERP.json").strip();
        String frame = "{\"channel\":\"orderbook_perp_0_grouped_1\",\"data\":" + quote(document) + "}";
        DlobFrame.Orderbook push = assertInstanceOf(DlobFrame.Orderbook.class, accepted(parser.parse(frame)));
        assertEquals(new BigDecimal("149.988000"), push.book().bids().get(0).price());
    }

    @Test
    void badFramesAreRejectedWithTheirReason() {
        assertEquals(Rejection.NOT_JSON, rejection(parser.parse("ping")));
        assertEquals(Rejection.MALFORMED, rejection(parser.parse("{}")));
        assertEquals(Rejection.MALFORMED, rejection(parser.parse("{\"channel\":\"orderbook_perp_0_grouped_1\"}")));
        // data must be the document as a string, and that string must itself be JSON of the right shape.
        assertEquals(
                Rejection.MALFORMED,
                rejection(parser.parse("{\"channel\":\"orderbook_perp_0_grouped_1\",\"data\":{\"bids\":[]}}")));
        assertEquals(
                Rejection.NOT_JSON,
                rejection(parser.parse("{\"channel\":\"orderbook_perp_0_grouped_1\",\"data\":\"oops\"}")));
        assertEquals(
                Rejection.MALFORMED,
                rejection(parser.parse("{\"channel\":\"orderbook_perp_0_grouped_1\",\"data\":\"{\\\"bids\\\":[]}\"}")));
        // A fractional size is not a fixed-point integer.
        assertEquals(
                Rejection.MALFORMED,
                rejection(parser.parse("{\"channel\":\"orderbook_perp_0\",\"data\":"
                        + quote("{\"bids\":[{\"price\":1,"
                                + "\"size\":1.5,\"sources\":{\"vamm\":1.5}}],\"asks\":[],\"marketIndex\":0,\"slot\":1}")
                        + "}")));
    }

    private static String quote(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
