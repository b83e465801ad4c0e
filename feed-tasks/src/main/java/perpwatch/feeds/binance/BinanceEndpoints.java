package perpwatch.feeds.binance;

import java.net.URI;
import perpwatch.core.config.Env;
import perpwatch.core.instrument.Instrument;

/**
 * Binance USDⓈ-M base URLs. Since the 2026 split, trade and liquidation streams live under
 * {@code wss://fstream.binance.com/market} and book streams under {@code …/public}; both are configurable so the
 * simulator (or a future move) is one variable away.
 *
 * @param marketWsBase {@code PERPWATCH_BINANCE_MARKET_WS}, default {@code wss://fstream.binance.com/market}
 * @param restBase     {@code PERPWATCH_BINANCE_REST}, default {@code https://fapi.binance.com}
 */
public record BinanceEndpoints(String marketWsBase, String restBase) {
    public static BinanceEndpoints fromEnv(Env env) {
        return new BinanceEndpoints(
                trimSlash(env.string("PERPWATCH_BINANCE_MARKET_WS", "wss://fstream.binance.com/market")),
                trimSlash(env.string("PERPWATCH_BINANCE_REST", "https://fapi.binance.com")));
    }

    public URI aggTradeStream(Instrument instrument) {
        return URI.create(marketWsBase + "/ws/" + instrument.binanceStreamName() + "@aggTrade");
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
