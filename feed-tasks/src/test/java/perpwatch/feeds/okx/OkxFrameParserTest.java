package perpwatch.feeds.okx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import perpwatch.core.testing.Fixtures;
import perpwatch.feeds.parse.MalformedFrameException;

class OkxFrameParserTest {
    final OkxFrameParser parser = new OkxFrameParser();

    @Test
    void recordedSolSwapTradeKeepsEveryStringValueExact() throws Exception {
        OkxFrame.Trades trades = assertInstanceOf(
                OkxFrame.Trades.class,
                parser.parse(
                        Fixtures.text("okx/trades_SOL-USDT-SWAP_real_2025.json").strip()));
        OkxFrame.Trade t = trades.trades().get(0);
        assertEquals(
                new OkxFrame.Trade(
                        "SOL-USDT-SWAP",
                        620_869_571L,
                        new BigDecimal("187.08"),
                        new BigDecimal("6.28"),
                        "sell",
                        1_736_909_125_942L),
                t);
    }

    @Test
    void recordedLiquidationOrdersAreReadPerDetail() throws Exception {
        OkxFrame.Liquidations l = assertInstanceOf(
                OkxFrame.Liquidations.class,
                parser.parse(
                        Fixtures.text("okx/liquidation_orders_doc_example.json").strip()));
        assertEquals(
                new OkxFrame.Liquidation(
                        "IOST-USDT-SWAP",
                        "buy",
                        "short",
                        new BigDecimal("0.007831"),
                        new BigDecimal("13"),
                        1_692_266_434_010L),
                l.liquidations().get(0));
    }

    @Test
    void controlFramesAndErrorsAreClassifiedNotData() throws Exception {
        assertInstanceOf(OkxFrame.Pong.class, parser.parse("pong"));
        OkxFrame.VenueError error = assertInstanceOf(
                OkxFrame.VenueError.class,
                parser.parse(Fixtures.text("okx/error_60018_liquidation_orders_instId_real.json")
                        .strip()));
        assertEquals("60018", error.code());
        for (String line : Fixtures.lines("okx/subscribe_ack_capture.jsonl")) {
            assertInstanceOf(OkxFrame.Ack.class, parser.parse(line));
        }
    }

    @Test
    void brokenFramesAreMalformedNotHalfRead() {
        assertThrows(MalformedFrameException.class, () -> parser.parse("{not json"));
        assertThrows(
                MalformedFrameException.class, () -> parser.parse("{\"arg\":{\"channel\":\"trades\"},\"data\":{}}"));
        assertThrows(
                MalformedFrameException.class, () -> parser.parse("{\"arg\":{\"channel\":\"tickers\"},\"data\":[]}"));
    }

    @Test
    void eachTradeRowIsCheckedOnItsOwnAndTheGoodOnesAreKept() throws Exception {
        OkxFrame.Trades trades = assertInstanceOf(
                OkxFrame.Trades.class,
                parser.parse("{\"arg\":{\"channel\":\"trades\",\"instId\":\"SOL-USDC-SWAP\"},\"data\":["
                        + "{\"instId\":\"SOL-USDC-SWAP\",\"tradeId\":\"1\",\"px\":\"abc\",\"sz\":\"1\","
                        + "\"side\":\"buy\",\"ts\":\"1\"},"
                        + "{\"instId\":\"SOL-USDT-SWAP\",\"tradeId\":\"2\",\"px\":\"150.5\",\"sz\":\"3\","
                        + "\"side\":\"sell\",\"ts\":\"2\"},"
                        + "{\"instId\":\"SOL-USDC-SWAP\",\"tradeId\":\"3\",\"px\":\"1\",\"sz\":\"1\","
                        + "\"side\":\"long\",\"ts\":\"3\"},"
                        + "{\"tradeId\":\"4\"}]}"));
        assertEquals(
                List.of(new OkxFrame.Trade(
                        "SOL-USDT-SWAP", 2, new BigDecimal("150.5"), new BigDecimal("3"), "sell", 2)),
                trades.trades());
        assertEquals(
                List.of("SOL-USDC-SWAP", "SOL-USDC-SWAP", ""),
                trades.badRows().stream().map(OkxFrame.BadRow::instId).toList());
        assertEquals("'px' is not a decimal: 'abc'", trades.badRows().get(0).reason());
    }

    @Test
    void eachLiquidationDetailIsCheckedOnItsOwn() throws Exception {
        OkxFrame.Liquidations l = assertInstanceOf(
                OkxFrame.Liquidations.class,
                parser.parse("{\"arg\":{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"},\"data\":["
                        + "{\"instId\":\"BTC-USDT-SWAP\",\"details\":[{\"side\":\"buy\",\"bkPx\":\"x\",\"sz\":\"1\","
                        + "\"ts\":\"1\"}]},"
                        + "{\"instId\":\"SOL-USDT-SWAP\",\"details\":[{\"side\":\"sell\",\"posSide\":\"long\","
                        + "\"bkPx\":\"150\",\"sz\":\"2\",\"ts\":\"5\"},"
                        + "{\"side\":\"sell\",\"bkPx\":\"150\",\"sz\":\"2\"}]},"
                        + "{\"instId\":\"ETH-USDT-SWAP\",\"details\":\"?\"},"
                        + "{\"details\":[]}]}"));
        assertEquals(
                List.of(new OkxFrame.Liquidation(
                        "SOL-USDT-SWAP", "sell", "long", new BigDecimal("150"), new BigDecimal("2"), 5)),
                l.liquidations());
        assertEquals(
                List.of("BTC-USDT-SWAP", "SOL-USDT-SWAP", "ETH-USDT-SWAP", ""),
                l.badRows().stream().map(OkxFrame.BadRow::instId).toList());
    }
}
