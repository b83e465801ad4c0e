package perpwatch.feeds.velocity;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import perpwatch.core.config.Env;

/**
 * Velocity's base URLs. Configuration, never constants: Velocity's docs call the DLOB and data-API hosts provisional.
 *
 * @param dlobHttp {@code PERPWATCH_VELOCITY_DLOB_HTTP}, default {@code https://dlob.velocity.exchange}
 * @param dlobWs   {@code PERPWATCH_VELOCITY_DLOB_WS}, default {@code wss://dlob.velocity.exchange/ws}
 * @param dataApi  {@code PERPWATCH_VELOCITY_DATA_API}, default {@code https://data.velocity.exchange}
 */
public record VelocityEndpoints(String dlobHttp, URI dlobWs, String dataApi) {
    /** The DLOB caps an L2 answer at 100 levels a side; the 10 bps band needs far fewer. */
    static final int L2_DEPTH = 100;

    public static VelocityEndpoints fromEnv(Env env) {
        return new VelocityEndpoints(
                trimmed(env.string("PERPWATCH_VELOCITY_DLOB_HTTP", "https://dlob.velocity.exchange")),
                URI.create(env.string("PERPWATCH_VELOCITY_DLOB_WS", "wss://dlob.velocity.exchange/ws")),
                trimmed(env.string("PERPWATCH_VELOCITY_DATA_API", "https://data.velocity.exchange")));
    }

    public URI l2(String marketName) {
        return URI.create(
                dlobHttp + "/l2?marketName=" + encode(marketName) + "&depth=" + L2_DEPTH + "&includeVamm=true");
    }

    public URI fundingRates(String marketName) {
        return URI.create(dataApi + "/fundingRates?marketName=" + encode(marketName));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String trimmed(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
