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
 * @param oraclePoll    {@code PERPWATCH_VELOCITY_ORACLE_POLL} (1 s): the oracle account and the node's slot are read
 *                      this often, and every read is written (two light RPC calls; the AMM's own staleness window is
 *                      about 10 slots, 4 s)
 */
public record VelocityMarketSettings(
        Duration publishEvery, Duration l2Fallback, Duration fundingPoll, Duration oraclePoll) {
    public static VelocityMarketSettings fromEnv(Env env) {
        return new VelocityMarketSettings(
                Duration.ofSeconds(1),
                env.duration("PERPWATCH_VELOCITY_L2_FALLBACK", Duration.ofSeconds(5)),
                env.duration("PERPWATCH_VELOCITY_FUNDING_POLL", Duration.ofMinutes(5)),
                env.duration("PERPWATCH_VELOCITY_ORACLE_POLL", Duration.ofSeconds(1)));
    }
}
