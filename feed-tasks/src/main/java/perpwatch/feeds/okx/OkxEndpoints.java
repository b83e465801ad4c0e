package perpwatch.feeds.okx;

import java.net.URI;
import perpwatch.core.config.Env;

/**
 * OKX v5 base URLs.
 *
 * @param publicWs {@code PERPWATCH_OKX_PUBLIC_WS}, default {@code wss://ws.okx.com:8443/ws/v5/public} (trades and
 * liquidation-orders)
 * @param rest     {@code PERPWATCH_OKX_REST}, default {@code https://www.okx.com}
 */
public record OkxEndpoints(URI publicWs, String rest) {
    public static OkxEndpoints fromEnv(Env env) {
        String rest = env.string("PERPWATCH_OKX_REST", "https://www.okx.com");
        return new OkxEndpoints(
                URI.create(env.string("PERPWATCH_OKX_PUBLIC_WS", "wss://ws.okx.com:8443/ws/v5/public")),
                rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest);
    }

    public URI swapInstrument(String instId) {
        return URI.create(rest + "/api/v5/public/instruments?instType=SWAP&instId=" + instId);
    }
}
