package perpwatch.feeds.bybit;

import java.net.URI;
import perpwatch.core.config.Env;

/**
 * Bybit v5 base URLs.
 *
 * @param publicWs {@code PERPWATCH_BYBIT_PUBLIC_WS}, default {@code wss://stream.bybit.com/v5/public/linear}
 * @param rest     {@code PERPWATCH_BYBIT_REST}, default {@code https://api.bybit.com}
 */
public record BybitEndpoints(URI publicWs, String rest) {
    public static BybitEndpoints fromEnv(Env env) {
        String rest = env.string("PERPWATCH_BYBIT_REST", "https://api.bybit.com");
        return new BybitEndpoints(
                URI.create(env.string("PERPWATCH_BYBIT_PUBLIC_WS", "wss://stream.bybit.com/v5/public/linear")),
                rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest);
    }

    public URI openInterest(String symbol) {
        return URI.create(
                rest + "/v5/market/open-interest?category=linear&symbol=" + symbol + "&intervalTime=5min&limit=1");
    }

    public URI tickers(String symbol) {
        return URI.create(rest + "/v5/market/tickers?category=linear&symbol=" + symbol);
    }

    /** Settled funding prints, newest first; Bybit answers at most 200 rows a call. */
    public URI fundingHistory(String symbol, int limit) {
        return URI.create(rest + "/v5/market/funding/history?category=linear&symbol=" + symbol + "&limit=" + limit);
    }

    public URI instrumentsInfo(String symbol) {
        return URI.create(rest + "/v5/market/instruments-info?category=linear&symbol=" + symbol);
    }
}
