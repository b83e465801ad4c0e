package perpwatch.feeds.binance;

import java.net.URI;
import java.util.Locale;
import perpwatch.core.config.Env;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.instrument.Venue;

/**
 * Binance USDⓈ-M base URLs. Since the 2026 split, trade and liquidation streams live under
 * {@code wss://fstream.binance.com/market} and book streams under {@code …/public}; both are configurable so the
 * simulator (or a future move) is one variable away.
 *
 * @param marketWsBase {@code PERPWATCH_BINANCE_MARKET_WS}, default {@code wss://fstream.binance.com/market}
 * @param publicWsBase {@code PERPWATCH_BINANCE_PUBLIC_WS}, default {@code wss://fstream.binance.com/public} (book
 * streams)
 * @param restBase     {@code PERPWATCH_BINANCE_REST}, default {@code https://fapi.binance.com}
 */
public record BinanceEndpoints(String marketWsBase, String publicWsBase, String restBase) {
    /** Book snapshots are asked for at Binance's deepest level count, so the diff stream rarely leaves its range. */
    public static final int DEPTH_SNAPSHOT_LIMIT = 1000;

    public static BinanceEndpoints fromEnv(Env env) {
        return new BinanceEndpoints(
                trimSlash(env.string("PERPWATCH_BINANCE_MARKET_WS", "wss://fstream.binance.com/market")),
                trimSlash(env.string("PERPWATCH_BINANCE_PUBLIC_WS", "wss://fstream.binance.com/public")),
                trimSlash(env.string("PERPWATCH_BINANCE_REST", "https://fapi.binance.com")));
    }

    /** The diff-depth stream; since the 2026 split it is served under {@code /public}, not {@code /market}. */
    public URI depthStream(Instrument instrument) {
        return URI.create(publicWsBase + "/ws/" + streamName(instrument) + "@depth@100ms");
    }

    public URI depthSnapshot(Instrument instrument) {
        return URI.create(restBase + "/fapi/v1/depth?symbol=" + instrument.symbol(Venue.BINANCE) + "&limit="
                + DEPTH_SNAPSHOT_LIMIT);
    }

    /**
     * The raw-stream endpoint with no stream in the URL, for streams subscribed by a {@code SUBSCRIBE} message: the
     * venue then answers {@code {"result":null,"id":n}} or an error, so "subscribed" is something it said, not
     * something we assume from a quiet socket.
     */
    public URI marketWs() {
        return URI.create(marketWsBase + "/ws");
    }

    public URI aggTradeStream(Instrument instrument) {
        return URI.create(marketWsBase + "/ws/" + streamName(instrument) + "@aggTrade");
    }

    /** Binance stream names are lowercase ({@code solusdt@aggTrade}) while payloads carry the uppercase symbol. */
    private static String streamName(Instrument instrument) {
        return instrument.symbol(Venue.BINANCE).toLowerCase(Locale.ROOT);
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
