package perpwatch.feeds.velocity;

import java.time.Duration;
import perpwatch.core.config.Env;

/**
 * The velocity-market task's cadences.
 *
 * @param publishEvery  at most one book entry per this ({@code ≤ 1/s on change}, DESIGN §4); an unchanged book
 *                      goes out again as a keepalive after it, only when a new book arrived meanwhile
 * @param l2Fallback    {@code PERPWATCH_VELOCITY_L2_FALLBACK} (5 s): with no WebSocket book for this long, the HTTP
 *                      L2 is polled at this period instead; also the seed at start
 * @param fundingPoll   {@code PERPWATCH_VELOCITY_FUNDING_POLL} (5 min): settlements are hourly
 */
public record VelocityMarketSettings(Duration publishEvery, Duration l2Fallback, Duration fundingPoll) {
    public static VelocityMarketSettings fromEnv(Env env) {
        return new VelocityMarketSettings(
                Duration.ofSeconds(1),
                env.duration("PERPWATCH_VELOCITY_L2_FALLBACK", Duration.ofSeconds(5)),
                env.duration("PERPWATCH_VELOCITY_FUNDING_POLL", Duration.ofMinutes(5)));
    }
}
