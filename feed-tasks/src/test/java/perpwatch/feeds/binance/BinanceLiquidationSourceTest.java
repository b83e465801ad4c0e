package perpwatch.feeds.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import perpwatch.core.config.Env;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.model.Liquidation;
import perpwatch.core.model.PositionSide;
import perpwatch.core.testing.Fixtures;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.parse.MalformedFrameException;

class BinanceLiquidationSourceTest {
    static BinanceLiquidationSource source(String binanceSymbol) {
        return new BinanceLiquidationSource(new Instrument("X", binanceSymbol, "X-USDT-SWAP", "X-USDC-SWAP", binanceSymbol, -1),
                BinanceEndpoints.fromEnv(Env.of(java.util.Map.of())));
    }

    @Test
    void combinedArrStreamFrameIsALongLiquidatedAtTheAverageFill() throws Exception {
        FeedCounters counters = new FeedCounters();
        List<Liquidation> out = source("IOTXUSDT").read(Fixtures.text("binance/forceOrder_arr_IOTXUSDT_combined_real.json").strip(), 99, counters);
        // o.S SELL closes a long; z = 3661 filled at ap 0.06669 → 244.15209 USD
        assertEquals(List.of(new Liquidation("binance", "IOTXUSDT", PositionSide.LONG, new BigDecimal("0.06669"), new BigDecimal("3661"),
                new BigDecimal("244.15209"), 1_634_653_599_180L, 99)), out);
    }

    @Test
    void rawFrameAndOtherSymbolsFiltered() throws Exception {
        FeedCounters counters = new FeedCounters();
        String raw = Fixtures.text("binance/forceOrder_BTCUSDT_raw_real.json").strip();
        assertEquals(new BigDecimal("0.029"), source("BTCUSDT").read(raw, 1, counters).get(0).quantity());
        assertTrue(source("SOLUSDT").read(raw, 1, counters).isEmpty());
        assertEquals(1, counters.get("other_symbol"));
    }

    @Test
    void errorsAckAndGarbage() throws Exception {
        FeedCounters counters = new FeedCounters();
        BinanceLiquidationSource s = source("SOLUSDT");
        assertTrue(s.read("{\"code\":2,\"msg\":\"Invalid request\",\"id\":1}", 1, counters).isEmpty());
        assertEquals(1, counters.get("venue_errors"));
        assertTrue(s.read("{\"result\":null,\"id\":1}", 1, counters).isEmpty());
        assertThrows(MalformedFrameException.class, () -> s.read("[1,2", 1, counters));
        assertThrows(MalformedFrameException.class, () -> s.read(
                "{\"e\":\"forceOrder\",\"E\":1,\"o\":{\"s\":\"SOLUSDT\",\"S\":\"HOLD\",\"q\":\"1\",\"p\":\"1\",\"ap\":\"1\",\"z\":\"1\",\"T\":1}}", 1, counters));
    }
}
