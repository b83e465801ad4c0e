package perpwatch.feeds.okx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import perpwatch.core.config.Env;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.testing.Fixtures;
import perpwatch.feeds.liquidations.LiquidationFrame;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.subscription.Refusal;

/** The subscription answers OKX sends on {@code liquidation-orders}; rows are covered by the simulator tests. */
class OkxLiquidationSourceTest {
    static OkxLiquidationSource source() {
        OkxEndpoints endpoints = OkxEndpoints.fromEnv(Env.of(Map.of()));
        // Contract specs are only needed for rows; nothing here loads them, so no request is made.
        return new OkxLiquidationSource(
                Instrument.sol(),
                endpoints,
                new OkxContractSpecs(new OkxInstrumentsClient(endpoints, Duration.ofSeconds(1)), List.of()));
    }

    @Test
    void theAckOfOurChannelIsTheAck() throws Exception {
        String ack = "{\"event\":\"subscribe\",\"arg\":{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"},"
                + "\"connId\":\"a4d3ae55\"}";
        assertInstanceOf(LiquidationFrame.Subscribed.class, source().read(ack, 1, new FeedCounters()));
    }

    @Test
    void anAckOfAnotherChannelIsNotOurs() throws Exception {
        // A recorded 2022 ack (no connId) of the trades channel.
        String tradesAck = Fixtures.lines("okx/subscribe_ack_capture.jsonl").stream()
                .filter(l -> l.contains("\"trades\""))
                .findFirst()
                .orElseThrow();
        assertInstanceOf(LiquidationFrame.Control.class, source().read(tradesAck, 1, new FeedCounters()));
    }

    @Test
    void theRecorded60018ErrorIsARefusalWithTheVenuesCodeAndMessage() throws Exception {
        LiquidationFrame frame = source().read(
                        Fixtures.text("okx/error_60018_liquidation_orders_instId_real.json")
                                .strip(),
                        1,
                        new FeedCounters());
        assertEquals(
                new LiquidationFrame.Refused(new Refusal(
                        "60018",
                        "Wrong URL or channel:liquidation-orders,instId:BTC-USDT-SWAP doesn't exist."
                                + " Please use the correct URL, channel and parameters referring to API document.")),
                frame);
    }

    @Test
    void pongIsControlAndAnEmptyPushIsStillAPush() throws Exception {
        FeedCounters counters = new FeedCounters();
        assertInstanceOf(
                LiquidationFrame.Control.class,
                source().read(Fixtures.text("okx/keepalive_server_replies.txt").strip(), 1, counters));
        assertEquals(1, counters.get("pongs"));
        // The docs' push is IOST: none of ours, but it proves the channel flows.
        LiquidationFrame.Push push = assertInstanceOf(
                LiquidationFrame.Push.class,
                source().read(
                                Fixtures.text("okx/liquidation_orders_doc_example.json")
                                        .strip(),
                                1,
                                counters));
        assertEquals(List.of(), push.liquidations());
    }
}
