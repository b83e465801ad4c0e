package perpwatch.feeds.binance.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import perpwatch.core.testing.Fixtures;
import perpwatch.feeds.binance.BinanceFrame;
import perpwatch.feeds.parse.MalformedFrameException;

class BinanceDepthParserTest {
    private final BinanceDepthParser parser = new BinanceDepthParser();

    @Test
    void everyRecordedCombinedFrameParsesAndTheFirstIsExact() throws Exception {
        List<String> lines = Fixtures.lines("binance/depth_update_100ms_SUSHIUSDT_combined.jsonl");
        assertEquals(255, lines.size());
        for (String line : lines) {
            assertInstanceOf(BinanceFrame.DepthDiff.class, parser.parseFrame(line, 1));
        }
        DepthUpdate first = ((BinanceFrame.DepthDiff) parser.parseFrame(lines.get(0), 77)).update();
        assertEquals("SUSHIUSDT", first.symbol());
        assertEquals(1626992741037L, first.eventTime());
        assertEquals(1626992741024L, first.transactTime());
        assertEquals(600859599090L, first.firstUpdateId());
        assertEquals(600859600917L, first.finalUpdateId());
        assertEquals(600859598061L, first.previousFinalId());
        // Levels come in the book's units: 8 decimals, exact.
        assertEquals(ScaledLevels.of(BookTestData.levels("7.5040:813", "7.6090:0", "7.6110:2")), first.bids());
        assertEquals(ScaledLevels.of(BookTestData.levels("7.6150:1563", "7.6220:3284")), first.asks());
        assertEquals(750_400_000L, first.bids().priceUnits(0));
        assertEquals(81_300_000_000L, first.bids().qtyUnits(0));
        assertEquals(
                0,
                new BigDecimal("7.5040")
                        .compareTo(first.bids().toPriceLevels().get(0).price()));
        assertEquals(77, first.recvTime());
    }

    @Test
    void rawFrameWithPsAndStFieldsParses() throws Exception {
        DepthUpdate update = ((BinanceFrame.DepthDiff)
                        parser.parseFrame(Fixtures.text("binance/depthUpdate_doc_example_with_ps_st_nautilus.json"), 0))
                .update();
        assertEquals("BTCUSDT", update.symbol());
        assertEquals(157, update.firstUpdateId());
        assertEquals(160, update.finalUpdateId());
        assertEquals(149, update.previousFinalId());
        assertEquals(123456788, update.transactTime());
        assertEquals(ScaledLevels.of(BookTestData.levels("0.0024:10")), update.bids());
        parser.parseFrame(Fixtures.text("binance/depthUpdate_BTCUSDT_nautilus.json"), 0);
    }

    @Test
    void venueErrorsAndAcksAreRecognised() throws Exception {
        BinanceFrame.VenueError error = assertInstanceOf(
                BinanceFrame.VenueError.class,
                parser.parseFrame("{\"code\":2,\"msg\":\"Invalid request: bad\",\"id\":1}", 0));
        assertEquals(2, error.code());
        assertEquals("Invalid request: bad", error.message());
        assertEquals(
                1,
                assertInstanceOf(BinanceFrame.Ack.class, parser.parseFrame("{\"result\":null,\"id\":1}", 0))
                        .id());
        assertInstanceOf(
                BinanceFrame.Unhandled.class, parser.parseFrame("{\"e\":\"bookTicker\",\"s\":\"SOLUSDT\"}", 0));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "not json",
                "[]",
                "{\"e\":\"depthUpdate\"",
                "{}",
                "{\"e\":\"depthUpdate\",\"s\":\"SOLUSDT\",\"U\":1,\"u\":2,\"b\":[],\"a\":[]}",
                "{\"e\":\"depthUpdate\",\"s\":\"SOLUSDT\",\"U\":\"1\",\"u\":2,\"pu\":0,\"b\":[],\"a\":[]}",
                "{\"e\":\"depthUpdate\",\"s\":\"SOLUSDT\",\"U\":3,\"u\":2,\"pu\":0,\"b\":[],\"a\":[]}",
                "{\"e\":\"depthUpdate\",\"s\":\"SOLUSDT\",\"U\":1,\"u\":2,\"pu\":0,\"b\":[[\"x\",\"1\"]],\"a\":[]}",
                "{\"e\":\"depthUpdate\",\"s\":\"SOLUSDT\",\"U\":1,\"u\":2,\"pu\":0,\"b\":[[\"1.0\"]],\"a\":[]}",
                "{\"e\":\"depthUpdate\",\"s\":\"SOLUSDT\",\"U\":1,\"u\":2,\"pu\":0,\"b\":[[\"1.0\",\"1\",\"2\"]],"
                        + "\"a\":[]}",
                "{\"e\":\"depthUpdate\",\"s\":\"SOLUSDT\",\"U\":1,\"u\":2,\"pu\":0,\"b\":[[1.0,\"1\"]],\"a\":[]}",
                "{\"e\":\"depthUpdate\",\"s\":\"SOLUSDT\",\"U\":1,\"u\":2,\"pu\":0,\"b\":[],\"a\":[[\"-1\",\"1\"]]}",
                "{\"e\":\"depthUpdate\",\"s\":\"SOLUSDT\",\"U\":1,\"u\":2,\"pu\":0,\"b\":[],\"a\":[[\"1\",\"-1\"]]}",
                "{\"e\":\"depthUpdate\",\"s\":\"SOLUSDT\",\"U\":1,\"u\":2,\"pu\":0,\"b\":[],\"a\":[]} trailing",
            })
    void malformedFramesAreRefused(String text) {
        assertThrows(MalformedFrameException.class, () -> parser.parseFrame(text, 0));
    }

    @Test
    void recordedSnapshotParses() throws Exception {
        DepthSnapshot snapshot =
                parser.parseSnapshot(Fixtures.text("binance/depth_snapshot_rest_SUSHIUSDT_limit1000.json"));
        assertEquals(600859605926L, snapshot.lastUpdateId());
        assertEquals(1000, snapshot.bids().size());
        assertEquals(1000, snapshot.asks().size());
        assertEquals(
                new PriceLevel(new BigDecimal("7.6110"), new BigDecimal("6")),
                snapshot.bids().get(0));
        DepthSnapshot doc =
                parser.parseSnapshot(Fixtures.text("binance/depth_snapshot_rest_doc_example_nautilus.json"));
        assertEquals(1, doc.bids().size());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}",
                "{\"lastUpdateId\":1,\"bids\":[]}",
                "{\"lastUpdateId\":1,\"bids\":[[\"1\",\"0\"]],\"asks\":[]}",
                "<html>busy</html>"
            })
    void badSnapshotBodiesAreRefused(String body) {
        assertThrows(MalformedFrameException.class, () -> parser.parseSnapshot(body));
    }
}
