package perpwatch.functions.guards;

import java.math.BigDecimal;
import java.time.Duration;
import perpwatch.core.config.Env;

/**
 * Guard thresholds and staleness budgets (DESIGN §5 defaults).
 *
 * @param priceMaxAge     {@code PERPWATCH_GUARD_PRICE_MAX_AGE} (5s): the 1/s price stream older than this is stale
 * @param barMaxAge       {@code PERPWATCH_GUARD_BAR_MAX_AGE} (150s, from the bar's close): one missed bar is tolerated, two are not
 * @param spreadWarnBps   {@code PERPWATCH_GUARD_SPREAD_WARN_BPS} (10)
 * @param minDepthUsd     {@code PERPWATCH_GUARD_MIN_DEPTH_USD} (50000): min(bid, ask) depth within 10 bps
 * @param fundingAprWarn  {@code PERPWATCH_GUARD_FUNDING_APR_WARN} (300): |APR| in percent
 * @param basisWarnBps    {@code PERPWATCH_GUARD_BASIS_WARN_BPS} (50): |basis|
 * @param liqBreach5m     {@code PERPWATCH_GUARD_LIQ_5M_BREACH} (10): more liquidations than this in 5 min is a breach
 * @param cacheTtl        {@code PERPWATCH_GUARD_CACHE} (5s): an answer is reused for at most this long, and never
 *                        past the moment one of its metrics would turn stale
 */
public record GuardPolicy(Duration priceMaxAge, Duration barMaxAge, BigDecimal spreadWarnBps, BigDecimal minDepthUsd,
                          BigDecimal fundingAprWarn, BigDecimal basisWarnBps, int liqBreach5m, Duration cacheTtl) {

    public static GuardPolicy fromEnv(Env env) {
        return new GuardPolicy(
                env.duration("PERPWATCH_GUARD_PRICE_MAX_AGE", Duration.ofSeconds(5)),
                env.duration("PERPWATCH_GUARD_BAR_MAX_AGE", Duration.ofSeconds(150)),
                BigDecimal.valueOf(env.decimal("PERPWATCH_GUARD_SPREAD_WARN_BPS", 10)),
                BigDecimal.valueOf(env.decimal("PERPWATCH_GUARD_MIN_DEPTH_USD", 50_000)),
                BigDecimal.valueOf(env.decimal("PERPWATCH_GUARD_FUNDING_APR_WARN", 300)),
                BigDecimal.valueOf(env.decimal("PERPWATCH_GUARD_BASIS_WARN_BPS", 50)),
                env.integer("PERPWATCH_GUARD_LIQ_5M_BREACH", 10),
                env.duration("PERPWATCH_GUARD_CACHE", Duration.ofSeconds(5)));
    }
}
