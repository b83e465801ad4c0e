package perpwatch.feeds.binance.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

    private DepthUpdate diffOf(String bids, String asks) throws MalformedFrameException {
        String frame = "{\"e\":\"depthUpdate\",\"s\":\"SOLUSDT\",\"U\":1,\"u\":2,\"pu\":0,\"b\":" + bids + ",\"a\":"
                + asks + "}";
        return ((BinanceFrame.DepthDiff) parser.parseFrame(frame, 0)).update();
    }

    @Test
    void levelsInAnyDecimalFormBigDecimalReadsAreReadExactly() throws Exception {
        // Exponents, signs and a lone dot are not what Binance sends, but they are valid decimals: the exact path
        // reads them as the BigDecimal-based parser always did.
        DepthUpdate update = diffOf(
                "[[\"1.5E+2\",\"2.5e-1\"],[\"+149.99\",\".5\"],[\"0149.980\",\"7.\"]]",
                "[[\"150.01000000000000\",\"-0\"]]");
        assertEquals(ScaledLevels.of(BookTestData.levels("150:0.25", "149.99:0.5", "149.98:7")), update.bids());
        assertEquals(ScaledLevels.of(BookTestData.levels("150.01:0")), update.asks());
        assertEquals(null, update.bids().unrepresentable());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // More decimals than the book's 8, beyond its price or size bounds, or too large for any long.
                "[[\"7.611000001\",\"1\"]]",
                "[[\"7.611\",\"0.000000001\"]]",
                "[[\"1000000.00000001\",\"1\"]]",
                "[[\"7.611\",\"99999999999999999999\"]]",
                "[[\"1e400\",\"1\"]]",
                "[[\"7.6\",\"1\"],[\"7.611\",\"1E-9\"]]"
            })
    void aValidLevelTheBookCannotHoldMarksTheSideAndTheBookRefusesTheDiff(String bids) throws Exception {
        DepthUpdate update = diffOf(bids, "[[\"8\",\"1\"]]");
        assertNotNull(update.bids().unrepresentable(), bids);
        assertEquals(null, update.asks().unrepresentable());
        OrderBook book = new OrderBook(100, 10);
        book.apply(BookTestData.levels("7:1"), BookTestData.levels("9:1"));
        assertThrows(FixedPoint.UnrepresentableLevelException.class, () -> book.apply(update.bids(), update.asks()));
        // Nothing of the diff was applied, not even the asks that were fine.
        assertEquals(1, book.levels(true));
        assertEquals(1, book.levels(false));
        assertEquals(900_000_000L, book.bestAskUnits());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[[\"0\",\"1\"]]", "[[\"0.000\",\"1\"]]", "[[\"-0.5\",\"1\"]]", "[[\"1\",\"-1e-9\"]]"})
    void aZeroOrNegativePriceOrANegativeSizeIsMalformedEvenWhenAlsoUnrepresentable(String bids) {
        assertThrows(MalformedFrameException.class, () -> diffOf(bids, "[]"));
    }

    @Test
    void aMalformedLevelAfterAnUnrepresentableOneStillMakesTheFrameMalformed() {
        assertThrows(MalformedFrameException.class, () -> diffOf("[[\"7.611000001\",\"1\"],[\"x\",\"1\"]]", "[]"));
    }

    @Test
    void aLongDiffGrowsItsLevels() throws Exception {
        StringBuilder bids = new StringBuilder("[");
        for (int i = 1; i <= 100; i++) {
            bids.append(i == 1 ? "" : ",")
                    .append("[\"")
                    .append(i)
                    .append(".5\",\"")
                    .append(i)
                    .append("\"]");
        }
        DepthUpdate update = diffOf(bids.append(']').toString(), "[]");
        assertEquals(100, update.bids().size());
        assertEquals(10_050_000_000L, update.bids().priceUnits(99));
        assertEquals(10_000_000_000L, update.bids().qtyUnits(99));
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
