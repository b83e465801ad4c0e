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
import java.util.Optional;
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
            trades.add(new Trade(d.get("a").asLong(), new BigDecimal(d.get("p").asText()), new BigDecimal(d.get("q").asText()),
                    d.get("m").asBoolean(), d.get("T").asLong(), d.get("E").asLong()));
        }
        return trades;
    }

    @Test
    void recordedTradesGiveHandCheckedBars() throws Exception {
        MinuteBarAggregator aggregator = new MinuteBarAggregator(2_000);
        List<Bar> bars = new ArrayList<>();
        for (Trade trade : recordedTrades()) {
            aggregator.accept(trade, trade.recvTime()).ifPresent(bars::add);
        }
        aggregator.closeIfDue(1626992820000L + 2_000).ifPresent(bars::add);

        assertEquals(2, bars.size());
        // Expected values worked out independently with Python's decimal module over the same file.
        assertEquals(Map.ofEntries(
                Map.entry("open", "7.612"), Map.entry("high", "7.618"), Map.entry("low", "7.61"), Map.entry("close", "7.617"),
                Map.entry("buy_vol", "1351"), Map.entry("sell_vol", "362"), Map.entry("cvd", "989"),
                Map.entry("vwap", "7.614016345593"), Map.entry("trades", "28"), Map.entry("ts", "1626992700000"),
                Map.entry("first_id", "87353230"), Map.entry("last_id", "87353257"),
                // closed by trade 87353258 (the next minute's first), received at its E
                Map.entry("recv_ts", "1626992760353")),
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
        aggregator.accept(new Trade(1, new BigDecimal("100"), new BigDecimal("2"), true, 0, 0), 0);
        aggregator.accept(new Trade(2, new BigDecimal("101"), new BigDecimal("5"), false, 1, 1), 1);
        Bar bar = aggregator.closeIfDue(60_000).orElseThrow();
        assertEquals(new BigDecimal("5"), bar.buyVolume());
        assertEquals(new BigDecimal("2"), bar.sellVolume());
        assertEquals(0, new BigDecimal("3").compareTo(bar.cvd()));
    }

    @Test
    void barClosesOnlyAfterTheGracePeriod() {
        MinuteBarAggregator aggregator = new MinuteBarAggregator(2_000);
        aggregator.accept(new Trade(1, BigDecimal.TEN, BigDecimal.ONE, false, 59_000, 59_000), 59_000);
        assertTrue(aggregator.closeIfDue(61_999).isEmpty());
        assertTrue(aggregator.closeIfDue(62_000).isPresent());
        assertFalse(aggregator.hasBarInProgress());
    }

    @Test
    void restoredCvdContinuesAndClosedMinutesRejectLateTrades() {
        MinuteBarAggregator aggregator = new MinuteBarAggregator(0);
        Bar last = new Bar(120_000, BigDecimal.TEN, BigDecimal.TEN, BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ONE,
                BigDecimal.ZERO, new BigDecimal("-40.5"), BigDecimal.TEN, 1, 7, 7, 180_000);
        aggregator.restore(last);

        Optional<Bar> none = aggregator.accept(new Trade(8, BigDecimal.TEN, BigDecimal.ONE, false, 150_000, 0), 0);
        assertTrue(none.isEmpty());
        assertEquals(1, aggregator.lateTrades(), "a trade inside the restored minute is late, not a second bar");

        aggregator.accept(new Trade(9, BigDecimal.TEN, new BigDecimal("0.5"), false, 185_000, 0), 0);
        Bar next = aggregator.closeIfDue(240_000).orElseThrow();
        assertEquals("-40", next.cvd().stripTrailingZeros().toPlainString());
    }

    @Test
    void aTradeForAnEarlierMinuteThanTheOpenBarIsLate() {
        MinuteBarAggregator aggregator = new MinuteBarAggregator(5_000);
        aggregator.accept(new Trade(1, BigDecimal.TEN, BigDecimal.ONE, false, 130_000, 0), 0);
        aggregator.accept(new Trade(2, BigDecimal.ONE, BigDecimal.ONE, false, 119_000, 0), 0);
        assertEquals(1, aggregator.lateTrades());
        Bar bar = aggregator.closeIfDue(200_000).orElseThrow();
        assertEquals(BigDecimal.TEN, bar.low());
    }
}
