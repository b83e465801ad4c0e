package perpwatch.feeds.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import perpwatch.core.model.Trade;
import perpwatch.core.testing.Fixtures;
import perpwatch.feeds.parse.MalformedFrameException;

class BinanceAggTradeParserTest {
    private final BinanceAggTradeParser parser = new BinanceAggTradeParser();

    @Test
    void everyRecordedCombinedFrameParses() throws Exception {
        List<String> lines = Fixtures.lines("binance/aggTrade_SUSHIUSDT_combined.jsonl");
        long previousId = 0;
        for (String line : lines) {
            BinanceFrame.AggTrade frame = assertInstanceOf(BinanceFrame.AggTrade.class, parser.parse(line, 5));
            assertEquals("SUSHIUSDT", frame.symbol());
            assertTrue(frame.trade().id() > previousId);
            previousId = frame.trade().id();
        }
        BinanceFrame.AggTrade first = (BinanceFrame.AggTrade) parser.parse(lines.get(0), 99);
        assertEquals(
                new Trade(87353230L, new BigDecimal("7.6120"), new BigDecimal("297"), false, 1626992744108L, 99),
                first.trade());
        assertEquals(1626992744262L, first.eventTime());
    }

    @Test
    void rawDocExampleBuyerIsMakerMeansSell() throws Exception {
        BinanceFrame.AggTrade frame = assertInstanceOf(
                BinanceFrame.AggTrade.class, parser.parse(Fixtures.text("binance/aggTrade_doc_example.json"), 1));
        assertTrue(frame.trade().aggressorSell());
        assertEquals(5933014L, frame.trade().id());
        assertEquals(new BigDecimal("100"), frame.trade().quantity());
    }

    @Test
    void newerFieldsAreIgnored() throws Exception {
        String withExtras =
                "{\"e\":\"aggTrade\",\"E\":1,\"a\":2,\"s\":\"SOLUSDT\",\"p\":\"150.1\",\"q\":\"3\",\"nq\":\"3\","
                        + "\"f\":1,\"l\":2,\"T\":1,\"m\":false,\"st\":1,\"x\":{\"deep\":[1,2,{\"y\":null}]}}";
        assertInstanceOf(BinanceFrame.AggTrade.class, parser.parse(withExtras, 1));
    }

    @Test
    void acksAndErrorsAreRecognised() throws Exception {
        assertEquals(new BinanceFrame.Ack(1), parser.parse(Fixtures.text("binance/ws_subscribe_response_doc.json"), 1));
        BinanceFrame.VenueError error = assertInstanceOf(
                BinanceFrame.VenueError.class,
                parser.parse("{\"code\":2,\"msg\":\"Invalid request: unknown variant\",\"id\":1}", 1));
        assertEquals(2, error.code());
        assertEquals(
                new BinanceFrame.Unhandled("forceOrder"),
                parser.parse(Fixtures.text("binance/forceOrder_doc_example.json"), 1));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "garbage",
                "[1,2]",
                "{\"e\":\"aggTrade\"",
                "{}",
                "null",
                "{\"e\":\"aggTrade\",\"E\":1,\"a\":2,\"s\":\"SOLUSDT\",\"q\":\"3\",\"T\":1,\"m\":false}",
                "{\"e\":\"aggTrade\",\"E\":1,\"a\":\"2\",\"s\":\"SOLUSDT\",\"p\":\"1\","
                        + "\"q\":\"3\",\"T\":1,\"m\":false}",
                "{\"e\":\"aggTrade\",\"E\":1,\"a\":2,\"s\":\"SOLUSDT\",\"p\":\"abc\",\"q\":\"3\",\"T\":1,\"m\":false}",
                "{\"e\":\"aggTrade\",\"E\":1,\"a\":2,\"s\":\"SOLUSDT\",\"p\":\"-1\",\"q\":\"3\",\"T\":1,\"m\":false}",
                "{\"e\":\"aggTrade\",\"E\":1,\"a\":2,\"s\":\"SOLUSDT\",\"p\":\"1\",\"q\":\"0\",\"T\":1,\"m\":false}",
                "{\"e\":\"aggTrade\",\"E\":1,\"a\":2,\"s\":\"SOLUSDT\",\"p\":\"1\",\"q\":\"3\",\"T\":1,\"m\":\"no\"}",
                "{\"e\":\"aggTrade\",\"E\":1,\"a\":2,\"s\":\"SOLUSDT\",\"p\":\"1\",\"q\":\"3\",\"T\":1,\"m\":false} "
                        + "trailing"
            })
    void malformedFramesAreRejectedWithAReason(String frame) {
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> parser.parse(frame, 1));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }
}
