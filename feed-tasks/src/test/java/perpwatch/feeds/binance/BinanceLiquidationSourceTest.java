package perpwatch.feeds.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import perpwatch.core.config.Env;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.instrument.Venue;
import perpwatch.core.model.Liquidation;
import perpwatch.core.model.PositionSide;
import perpwatch.core.testing.Fixtures;
import perpwatch.feeds.liquidations.LiquidationFrame;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.parse.MalformedFrameException;
import perpwatch.feeds.subscription.Refusal;

class BinanceLiquidationSourceTest {
    static BinanceLiquidationSource source(String binanceSymbol) {
        return new BinanceLiquidationSource(
                Instrument.builder("X")
                        .on(Venue.BINANCE, binanceSymbol)
                        .on(Venue.OKX_USDT, "X-USDT-SWAP")
                        .on(Venue.OKX_USDC, "X-USDC-SWAP")
                        .on(Venue.BYBIT, binanceSymbol)
                        .build(),
                BinanceEndpoints.fromEnv(Env.of(java.util.Map.of())));
    }

    @Test
    void combinedArrStreamFrameIsALongLiquidatedAtTheAverageFill() throws Exception {
        FeedCounters counters = new FeedCounters();
        List<Liquidation> out = pushed(source("IOTXUSDT")
                .read(
                        Fixtures.text("binance/forceOrder_arr_IOTXUSDT_combined_real.json")
                                .strip(),
                        99,
                        counters));
        // o.S SELL closes a long; z = 3661 filled at ap 0.06669 → 244.15209 USD
        assertEquals(
                List.of(new Liquidation(
                        "binance",
                        "IOTXUSDT",
                        PositionSide.LONG,
                        new BigDecimal("0.06669"),
                        new BigDecimal("3661"),
                        new BigDecimal("244.15209"),
                        1_634_653_599_180L,
                        99)),
                out);
    }

    @Test
    void rawFrameAndOtherSymbolsFiltered() throws Exception {
        FeedCounters counters = new FeedCounters();
        String raw = Fixtures.text("binance/forceOrder_BTCUSDT_raw_real.json").strip();
        assertEquals(
                new BigDecimal("0.029"),
                pushed(source("BTCUSDT").read(raw, 1, counters)).get(0).quantity());
        assertTrue(
                pushed(source("SOLUSDT").read(raw, 1, counters)).isEmpty(),
                "another symbol's push: no rows, but still a push");
        assertEquals(1, counters.get("other_symbol"));
    }

    static List<Liquidation> pushed(LiquidationFrame frame) {
        return assertInstanceOf(LiquidationFrame.Push.class, frame).liquidations();
    }

    @Test
    void subscribesByMessageOnTheBareRawStreamEndpoint() {
        BinanceLiquidationSource s = source("SOLUSDT");
        assertEquals("wss://fstream.binance.com/market/ws", s.uri().toString());
        List<String> sent = new java.util.ArrayList<>();
        s.subscribe(sent::add);
        assertEquals(List.of("{\"method\":\"SUBSCRIBE\",\"params\":[\"!forceOrder@arr\"],\"id\":1}"), sent);
    }

    @Test
    void theDocumentedReplyToOurSubscribeIsTheAck() throws Exception {
        // The docs' reply, {"result":null,"id":1}; our SUBSCRIBE carries id 1.
        assertInstanceOf(
                LiquidationFrame.Subscribed.class,
                source("SOLUSDT")
                        .read(
                                Fixtures.text("binance/ws_subscribe_response_doc.json")
                                        .strip(),
                                1,
                                new FeedCounters()));
        assertInstanceOf(
                LiquidationFrame.Control.class,
                source("SOLUSDT").read("{\"result\":null,\"id\":7}", 1, new FeedCounters()),
                "a reply to a request we did not send is not our ack");
    }

    @Test
    void anErrorAnsweringOurSubscribeIsARefusalWithTheVenuesCodeAndMessage() throws Exception {
        FeedCounters counters = new FeedCounters();
        LiquidationFrame frame = source("SOLUSDT")
                .read(
                        "{\"code\":2,\"msg\":\"Invalid request: request ID must be an unsigned integer\",\"id\":1}",
                        1,
                        counters);
        assertEquals(
                new LiquidationFrame.Refused(
                        new Refusal("2", "Invalid request: request ID must be an unsigned integer")),
                frame);
        assertEquals(0, counters.get("venue_errors"), "the worker counts refusals, as subscribe_refused");
    }

    @Test
    void errorsNotAboutOurSubscribeAndGarbage() throws Exception {
        FeedCounters counters = new FeedCounters();
        BinanceLiquidationSource s = source("SOLUSDT");
        assertInstanceOf(
                LiquidationFrame.Control.class,
                s.read(
                        "{\"code\":3,\"msg\":\"Invalid JSON: expected value at line 1 column 1\",\"id\":null}",
                        1,
                        counters));
        assertEquals(1, counters.get("venue_errors"));
        assertThrows(MalformedFrameException.class, () -> s.read("[1,2", 1, counters));
        assertThrows(
                MalformedFrameException.class,
                () -> s.read(
                        "{\"e\":\"forceOrder\",\"E\":1,\"o\":{\"s\":\"SOLUSDT\",\"S\":\"HOLD\",\"q\":\"1\","
                                + "\"p\":\"1\",\"ap\":\"1\",\"z\":\"1\",\"T\":1}}",
                        1,
                        counters));
    }
}
