package perpwatch.functions.guards;

import java.math.BigDecimal;
import java.time.Duration;
import perpwatch.core.config.Env;

/**
 * The bounds of the Velocity metrics: the venue the engine trades on. The oracle's age and the mark–oracle gap are
 * breaches because the protocol itself acts on them (its {@code OracleGuardRails}: the AMM stops filling on an oracle
 * older than {@code slots_before_stale_for_amm}, 10 slots; a mark more than {@code mark_oracle_percent_divergence},
 * 10 %, from the oracle invalidates it). The defaults are those protocol values, so a breach here is the protocol's
 * own line; a desk that wants warning earlier sets them lower. The book, funding and basis are warnings.
 *
 * @param bookMaxAge       {@code PERPWATCH_GUARD_VELOCITY_BOOK_MAX_AGE} (10s): spread, depth and the mid; the book is
 *                         published on change at most once a second, and every 5 s from the HTTP L2 while the DLOB
 *                         WebSocket brings none, so a fallback book is still a book
 * @param oracleMaxAge     {@code PERPWATCH_GUARD_VELOCITY_ORACLE_MAX_AGE} (5s): the newest oracle read (one a second)
 * @param fundingMaxAge    {@code PERPWATCH_GUARD_VELOCITY_FUNDING_MAX_AGE} (90m): from the settlement time; Velocity
 *                         settles hourly and the data API is polled every 5 min
 * @param spreadWarnBps    {@code PERPWATCH_GUARD_VELOCITY_SPREAD_WARN_BPS} (10)
 * @param minDepthUsd      {@code PERPWATCH_GUARD_VELOCITY_MIN_DEPTH_USD} (25000): min(bid, ask) within 10 bps
 * @param oracleMaxSlots   {@code PERPWATCH_GUARD_VELOCITY_ORACLE_MAX_SLOTS} (10): more slots than this since the
 *                         oracle was posted is a breach
 * @param markOracleMaxBps {@code PERPWATCH_GUARD_VELOCITY_MARK_ORACLE_MAX_BPS} (1000): |mid − oracle| beyond this is a
 *                         breach
 * @param fundingAprWarn   {@code PERPWATCH_GUARD_VELOCITY_FUNDING_APR_WARN} (300): |APR| in percent
 * @param basisWarnBps     {@code PERPWATCH_GUARD_BASIS_VELOCITY_WARN_BPS} (50): |Velocity mid − Binance| in bps
 */
public record VelocityGuardPolicy(
        Duration bookMaxAge,
        Duration oracleMaxAge,
        Duration fundingMaxAge,
        BigDecimal spreadWarnBps,
        BigDecimal minDepthUsd,
        long oracleMaxSlots,
        BigDecimal markOracleMaxBps,
        BigDecimal fundingAprWarn,
        BigDecimal basisWarnBps) {

    public VelocityGuardPolicy {
        if (oracleMaxSlots < 0) {
            throw new IllegalArgumentException(
                    "PERPWATCH_GUARD_VELOCITY_ORACLE_MAX_SLOTS must be 0 or more slots, not " + oracleMaxSlots);
        }
        if (markOracleMaxBps.signum() < 0) {
            throw new IllegalArgumentException(
                    "PERPWATCH_GUARD_VELOCITY_MARK_ORACLE_MAX_BPS must be 0 or more, not " + markOracleMaxBps);
        }
        // 10, not 10.0: the bounds are shown to people and engines as configured.
        spreadWarnBps = spreadWarnBps.stripTrailingZeros();
        minDepthUsd = minDepthUsd.stripTrailingZeros();
        markOracleMaxBps = markOracleMaxBps.stripTrailingZeros();
        fundingAprWarn = fundingAprWarn.stripTrailingZeros();
        basisWarnBps = basisWarnBps.stripTrailingZeros();
    }

    public static VelocityGuardPolicy fromEnv(Env env) {
        return new VelocityGuardPolicy(
                env.duration("PERPWATCH_GUARD_VELOCITY_BOOK_MAX_AGE", Duration.ofSeconds(10)),
                env.duration("PERPWATCH_GUARD_VELOCITY_ORACLE_MAX_AGE", Duration.ofSeconds(5)),
                env.duration("PERPWATCH_GUARD_VELOCITY_FUNDING_MAX_AGE", Duration.ofMinutes(90)),
                BigDecimal.valueOf(env.decimal("PERPWATCH_GUARD_VELOCITY_SPREAD_WARN_BPS", 10)),
                BigDecimal.valueOf(env.decimal("PERPWATCH_GUARD_VELOCITY_MIN_DEPTH_USD", 25_000)),
                env.integer("PERPWATCH_GUARD_VELOCITY_ORACLE_MAX_SLOTS", 10),
                BigDecimal.valueOf(env.decimal("PERPWATCH_GUARD_VELOCITY_MARK_ORACLE_MAX_BPS", 1_000)),
                BigDecimal.valueOf(env.decimal("PERPWATCH_GUARD_VELOCITY_FUNDING_APR_WARN", 300)),
                BigDecimal.valueOf(env.decimal("PERPWATCH_GUARD_BASIS_VELOCITY_WARN_BPS", 50)));
    }
}
