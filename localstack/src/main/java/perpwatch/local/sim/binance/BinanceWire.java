package perpwatch.local.sim.binance;

import java.math.BigDecimal;
import java.util.Locale;

/** Writes Binance USDⓈ-M events exactly as the venue sends them (field order, numbers vs strings). */
public final class BinanceWire {
    private BinanceWire() {}

    public static String aggTrade(
            String symbol,
            long aggId,
            BigDecimal price,
            BigDecimal quantity,
            long firstTradeId,
            long lastTradeId,
            long tradeTime,
            long eventTime,
            boolean buyerIsMaker) {
        return "{\"e\":\"aggTrade\",\"E\":" + eventTime + ",\"a\":" + aggId + ",\"s\":\"" + symbol + "\",\"p\":\""
                + price.toPlainString() + "\",\"q\":\"" + quantity.toPlainString() + "\",\"f\":" + firstTradeId
                + ",\"l\":" + lastTradeId + ",\"T\":" + tradeTime + ",\"m\":" + buyerIsMaker + "}";
    }

    /**
     * A {@code forceOrder} event. {@code side} is the liquidation ORDER's side: {@code SELL} closes a long.
     */
    public static String forceOrder(
            String symbol,
            String side,
            BigDecimal quantity,
            BigDecimal price,
            BigDecimal averagePrice,
            long tradeTime,
            long eventTime) {
        return "{\"e\":\"forceOrder\",\"E\":" + eventTime + ",\"o\":{\"s\":\"" + symbol + "\",\"S\":\"" + side
                + "\",\"o\":\"LIMIT\",\"f\":\"IOC\",\"q\":\"" + quantity.toPlainString() + "\",\"p\":\""
                + price.toPlainString()
                + "\",\"ap\":\"" + averagePrice.toPlainString() + "\",\"X\":\"FILLED\",\"l\":\""
                + quantity.toPlainString()
                + "\",\"z\":\"" + quantity.toPlainString() + "\",\"T\":" + tradeTime + "}}";
    }

    public static final String FORCE_ORDER_ALL = "!forceOrder@arr";

    public static String depthStreamName(String symbol) {
        return symbol.toLowerCase(Locale.ROOT) + "@depth@100ms";
    }

    public static String streamName(String symbol) {
        return symbol.toLowerCase(Locale.ROOT) + "@aggTrade";
    }
}
