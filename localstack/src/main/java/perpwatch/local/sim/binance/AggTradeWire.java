package perpwatch.local.sim.binance;

import java.math.BigDecimal;

/** Writes an aggTrade event exactly as Binance USDⓈ-M sends it (field order, numbers vs strings). */
public final class AggTradeWire {
    private AggTradeWire() {
    }

    public static String format(String symbol, long aggId, BigDecimal price, BigDecimal quantity, long firstTradeId,
                                long lastTradeId, long tradeTime, long eventTime, boolean buyerIsMaker) {
        return "{\"e\":\"aggTrade\",\"E\":" + eventTime + ",\"a\":" + aggId + ",\"s\":\"" + symbol + "\",\"p\":\""
                + price.toPlainString() + "\",\"q\":\"" + quantity.toPlainString() + "\",\"f\":" + firstTradeId
                + ",\"l\":" + lastTradeId + ",\"T\":" + tradeTime + ",\"m\":" + buyerIsMaker + "}";
    }

    public static String streamName(String symbol) {
        return symbol.toLowerCase(java.util.Locale.ROOT) + "@aggTrade";
    }
}
