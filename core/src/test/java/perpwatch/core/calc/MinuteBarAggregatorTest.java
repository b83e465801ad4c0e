package perpwatch.core.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import perpwatch.core.model.Bar;
import perpwatch.core.model.BarCodec;
import perpwatch.core.model.Trade;
import perpwatch.core.testing.Fixtures;

class MinuteBarAggregatorTest {

    /** The recorded SUSHIUSDT aggTrade capture (40 trades over two minutes), read with Jackson's tree model. */
    static List<Trade> recordedTrades() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<Trade> trades = new ArrayList<>();
        for (String line : Fixtures.lines("binance/aggTrade_SUSHIUSDT_combined.jsonl")) {
            JsonNode d = mapper.readTree(line).get("data");
            trades.add(new Trade(
                    d.get("a").asLong(),
                    new BigDecimal(d.get("p").asText()),
                    new BigDecimal(d.get("q").asText()),
                    d.get("m").asBoolean(),
                    d.get("T").asLong(),
                    d.get("E").asLong()));
        }
        return trades;
    }

    @Test
    void recordedTradesGiveHandCheckedBars() throws Exception {
        MinuteBarAggregator aggregator = new MinuteBarAggregator(2_000);
        List<Bar> bars = new ArrayList<>();
        for (Trade trade : recordedTrades()) {
            aggregator.accept(trade);
            bars.addAll(aggregator.due(trade.recvTime(), TradeCoverage.COMPLETE));
        }
        bars.addAll(aggregator.due(1626992820000L + 2_000, TradeCoverage.COMPLETE));

        assertEquals(2, bars.size());
        // Expected values worked out independently with Python's decimal module over the same file.
        assertEquals(
                Map.ofEntries(
                        Map.entry("open", "7.612"),
                        Map.entry("high", "7.618"),
                        Map.entry("low", "7.61"),
                        Map.entry("close", "7.617"),
                        Map.entry("buy_vol", "1351"),
                        Map.entry("sell_vol", "362"),
                        Map.entry("cvd", "989"),
                        Map.entry("vwap", "7.614016345593"),
                        Map.entry("trades", "28"),
                        Map.entry("ts", "1626992700000"),
                        Map.entry("first_id", "87353230"),
                        Map.entry("last_id", "87353257"),
                        // closed by trade 87353258 (the next minute's first), received at its E
                        Map.entry("recv_ts", "1626992760353"),
                        Map.entry("complete", "true"),
                        Map.entry("missing_trades", "0"),
                        Map.entry("revision", "0")),
                BarCodec.INSTANCE.encode(bars.get(0)));
        Map<String, String> second = BarCodec.INSTANCE.encode(bars.get(1));
        assertEquals("7.618", second.get("open"));
        assertEquals("7.62", second.get("high"));
        assertEquals("7.611", second.get("low"));
        assertEquals("7.611", second.get("close"));
        assertEquals("268", second.get("buy_vol"));
        assertEquals("231", second.get("sell_vol"));
        assertEquals("1026", second.get("cvd"), "CVD carries over from the first bar: 989 + 268 - 231");
        assertEquals("7.617863727455", second.get("vwap"));
        assertEquals("12", second.get("trades"));
        assertEquals("87353258", second.get("first_id"));
        assertEquals("87353269", second.get("last_id"));
    }

    @Test
    void buyerIsMakerMeansTheAggressorSold() {
        MinuteBarAggregator aggregator = new MinuteBarAggregator(0);
        aggregator.accept(trade(1, "100", "2", true, 0));
        aggregator.accept(trade(2, "101", "5", false, 1));
        Bar bar = only(aggregator.due(60_000, TradeCoverage.COMPLETE));
        assertEquals(new BigDecimal("5"), bar.buyVolume());
        assertEquals(new BigDecimal("2"), bar.sellVolume());
        assertEquals(0, new BigDecimal("3").compareTo(bar.cvd()));
    }

    @Test
    void aQuietMinuteClosesOnlyAfterTheSilence() {
        MinuteBarAggregator aggregator = new MinuteBarAggregator(10_000);
        aggregator.accept(trade(1, "10", "1", false, 59_000));
        assertTrue(aggregator.due(69_999, TradeCoverage.COMPLETE).isEmpty());
        assertEquals(1, aggregator.due(70_000, TradeCoverage.COMPLETE).size());
        assertFalse(aggregator.hasBarInProgress());
    }

    @Test
    void aTradeOfALaterMinuteClosesTheBarAtOnce() {
        MinuteBarAggregator aggregator = new MinuteBarAggregator(10_000);
        aggregator.accept(trade(1, "10", "1", false, 59_000));
        aggregator.accept(trade(2, "11", "1", false, 60_001));
        Bar bar = only(aggregator.due(60_002, TradeCoverage.COMPLETE));
        assertEquals(0, bar.openTime());
        assertTrue(aggregator.hasBarInProgress());
    }

    @Test
    void aBarWaitsForMissingIdsUntilTheSilenceThenSaysItIsIncomplete() {
        MinuteBarAggregator aggregator = new MinuteBarAggregator(10_000);
        TradeCoverage gap = minute -> minute == 0 ? new TradeCoverage.Coverage(false, 3) : TradeCoverage.Coverage.FULL;
        aggregator.accept(trade(1, "10", "1", false, 10_000));
        aggregator.accept(trade(5, "10", "1", false, 61_000));
        assertTrue(
                aggregator.due(61_000, gap).isEmpty(),
                "a later trade does not close a bar whose ids are being fetched");
        Bar bar = only(aggregator.due(70_000, gap));
        assertFalse(bar.complete());
        assertEquals(3, bar.missingTrades());

        // The backfill brings the three trades after all: the bar is re-published, complete.
        for (long id = 2; id <= 4; id++) {
            assertEquals(
                    MinuteBarAggregator.Accepted.REVISES_PUBLISHED,
                    aggregator.accept(trade(id, "10", "1", true, 20_000)));
        }
        Bar revised = only(aggregator.due(71_000, TradeCoverage.COMPLETE));
        assertTrue(revised.complete());
        assertEquals(1, revised.revision());
        assertEquals(4, revised.trades());
        assertEquals("-2", revised.cvd().toPlainString());
        assertEquals(1, aggregator.revisions());
    }

    @Test
    void aLateTradeRevisesItsMinuteAndEveryLaterPublishedMinuteCarriesTheCorrectedCvd() {
        MinuteBarAggregator aggregator = new MinuteBarAggregator(0);
        aggregator.accept(trade(1, "10", "1", false, 1_000));
        aggregator.accept(trade(2, "10", "2", false, 61_000));
        aggregator.accept(trade(3, "10", "4", false, 121_000));
        List<Bar> first = aggregator.due(121_000, TradeCoverage.COMPLETE);
        assertEquals(
                List.of("1", "3"),
                first.stream().map(b -> b.cvd().toPlainString()).toList());

        // A sell of minute 0 delivered after minute 1 was published (ids follow venue time, so its id sits before 2;
        // a test can say so with any id).
        aggregator.accept(trade(0, "9", "0.5", true, 500));
        List<Bar> revised = aggregator.due(121_001, TradeCoverage.COMPLETE);
        assertEquals(2, revised.size());
        assertEquals(0, revised.get(0).openTime());
        assertEquals("0.5", revised.get(0).cvd().toPlainString());
        assertEquals("9", revised.get(0).open().toPlainString(), "the open is the lowest id, not the first to arrive");
        assertEquals(1, revised.get(0).revision());
        assertEquals(60_000, revised.get(1).openTime(), "the newest entry stays the newest minute");
        assertEquals("2.5", revised.get(1).cvd().toPlainString());
        assertEquals(1, revised.get(1).revision());
        Bar inProgress = only(aggregator.due(240_000, TradeCoverage.COMPLETE));
        assertEquals("6.5", inProgress.cvd().toPlainString());
        assertEquals(0, inProgress.revision());
    }

    @Test
    void restoredCvdContinuesAndTheRestoredMinuteCanBeRevised() {
        MinuteBarAggregator aggregator = new MinuteBarAggregator(0);
        Bar last = new Bar(
                120_000,
                BigDecimal.TEN,
                BigDecimal.TEN,
                BigDecimal.TEN,
                BigDecimal.TEN,
                BigDecimal.ONE,
                BigDecimal.ZERO,
                new BigDecimal("-40.5"),
                BigDecimal.TEN,
                1,
                7,
                7,
                180_000);
        aggregator.restore(last);

        aggregator.accept(trade(8, "10", "1", false, 150_000));
        Bar revised = only(aggregator.due(181_000, TradeCoverage.COMPLETE));
        assertEquals(120_000, revised.openTime());
        assertEquals("-39.5", revised.cvd().toPlainString());
        assertEquals(2, revised.trades());
        assertEquals(1, revised.revision());

        aggregator.accept(trade(9, "10", "0.5", false, 185_000));
        Bar next = only(aggregator.due(240_000, TradeCoverage.COMPLETE));
        assertEquals("-39", next.cvd().stripTrailingZeros().toPlainString());
    }

    @Test
    void aTradeOlderThanTheRetainedMinutesIsCountedNotAdded() {
        MinuteBarAggregator aggregator = new MinuteBarAggregator(0, 2);
        for (int m = 0; m < 5; m++) {
            aggregator.accept(trade(m + 10, "10", "1", false, m * 60_000L + 1));
            aggregator.due(m * 60_000L + 1, TradeCoverage.COMPLETE);
        }
        assertEquals(MinuteBarAggregator.Accepted.TOO_OLD, aggregator.accept(trade(1, "10", "1", false, 30_000)));
        assertEquals(1, aggregator.tooOld());
        Bar bar = only(aggregator.due(300_000, TradeCoverage.COMPLETE));
        assertEquals("5", bar.cvd().toPlainString(), "forgotten minutes still count in CVD");
    }

    @Test
    void tradesGoingBackAndForthBetweenMinutesEachLandInTheirOwnBar() {
        MinuteBarAggregator aggregator = new MinuteBarAggregator(10_000);
        aggregator.accept(trade(1, "10", "1", false, 1_000));
        aggregator.accept(trade(3, "12", "1", false, 61_000));
        aggregator.accept(trade(2, "11", "2", true, 2_000)); // back to minute 0
        aggregator.accept(trade(4, "13", "1", false, 62_000)); // and on to minute 1
        Bar first = only(aggregator.due(62_000, TradeCoverage.COMPLETE));
        assertEquals(0, first.openTime());
        assertEquals(2, first.trades());
        assertEquals("10", first.open().toPlainString());
        assertEquals("11", first.close().toPlainString());
        assertEquals("-1", first.cvd().toPlainString());
        Bar second = only(aggregator.due(200_000, TradeCoverage.COMPLETE));
        assertEquals(60_000, second.openTime());
        assertEquals(2, second.trades());
        assertEquals("12", second.open().toPlainString());
        assertEquals("13", second.close().toPlainString());
        assertEquals("1", second.cvd().toPlainString());
    }

    @Test
    void aTradeForTheMinuteLastTradedInIsTooOldOnceThatMinuteIsDropped() {
        MinuteBarAggregator aggregator = new MinuteBarAggregator(0, 1);
        aggregator.accept(trade(1, "10", "1", false, 1_000));
        aggregator.accept(trade(3, "10", "1", false, 121_000));
        aggregator.accept(trade(2, "10", "1", false, 61_000)); // minute 1 arrives last
        assertEquals(2, aggregator.due(121_000, TradeCoverage.COMPLETE).size()); // minutes 0 and 1, then dropped
        assertEquals(MinuteBarAggregator.Accepted.TOO_OLD, aggregator.accept(trade(5, "10", "1", false, 62_000)));
        assertEquals(MinuteBarAggregator.Accepted.OPEN_MINUTE, aggregator.accept(trade(4, "10", "1", true, 122_000)));
        Bar last = only(aggregator.due(200_000, TradeCoverage.COMPLETE));
        assertEquals(120_000, last.openTime());
        assertEquals(2, last.trades());
        assertEquals("2", last.cvd().toPlainString(), "dropped minutes count in CVD, the too-old trade does not");
    }

    static Trade trade(long id, String price, String qty, boolean sell, long time) {
        return new Trade(id, new BigDecimal(price), new BigDecimal(qty), sell, time, time);
    }

    static Bar only(List<Bar> bars) {
        assertEquals(1, bars.size(), bars.toString());
        return bars.get(0);
    }
}
