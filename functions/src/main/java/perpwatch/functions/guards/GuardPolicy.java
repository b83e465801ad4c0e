package perpwatch.functions.guards;

import java.math.BigDecimal;
import java.time.Duration;
import perpwatch.core.config.Env;

/**
 * Guard thresholds and staleness budgets (DESIGN §5 defaults). Every age is measured from the venue's own
 * timestamp, so a feed that writes old data on time still reads as stale.
 *
 * @param priceMaxAge      {@code PERPWATCH_GUARD_PRICE_MAX_AGE} (5s): the 1/s price stream older than this is stale
 * @param barMaxAge        {@code PERPWATCH_GUARD_BAR_MAX_AGE} (150s, from the bar's close): one missed bar is tolerated, two are not
 * @param bookMaxAge       {@code PERPWATCH_GUARD_BOOK_MAX_AGE} (5s): spread and depth, published once a second
 * @param fundingMaxAge    {@code PERPWATCH_GUARD_FUNDING_MAX_AGE} (180s): funding and OI, polled every 60 s
 * @param basisMaxAge      {@code PERPWATCH_GUARD_BASIS_MAX_AGE} (5s): each side of the basis
 * @param basisMaxSkew     {@code PERPWATCH_GUARD_BASIS_MAX_SKEW} (2s): the two sides' trade times apart
 * @param spreadWarnBps    {@code PERPWATCH_GUARD_SPREAD_WARN_BPS} (10)
 * @param minDepthUsd      {@code PERPWATCH_GUARD_MIN_DEPTH_USD} (50000): min(bid, ask) depth within 10 bps
 * @param fundingAprWarn   {@code PERPWATCH_GUARD_FUNDING_APR_WARN} (300): |APR| in percent
 * @param basisWarnBps     {@code PERPWATCH_GUARD_BASIS_WARN_BPS} (50): |basis|
 * @param liqBreach5m      {@code PERPWATCH_GUARD_LIQ_5M_BREACH} (10): more liquidations than this in 5 min is a breach
 * @param cacheTtl         {@code PERPWATCH_GUARD_CACHE} (5s): an answer is reused for at most this long, and never
 *                         past the moment one of its metrics would turn stale
 */
public record GuardPolicy(Duration priceMaxAge, Duration barMaxAge, Duration bookMaxAge, Duration fundingMaxAge,
                          Duration basisMaxAge, Duration basisMaxSkew, BigDecimal spreadWarnBps, BigDecimal minDepthUsd,
                          BigDecimal fundingAprWarn, BigDecimal basisWarnBps, int liqBreach5m, Duration cacheTtl) {

    public static final Duration LIQUIDATION_WINDOW = Duration.ofMinutes(5);
    /**
     * {@code liq_events_5m} is counted up to this many; 1,000 means "1,000 or more". A cascade can print hundreds of
     * events in five minutes and the guard only needs to know it is above the bar, while counting runs inside Redis
     * (see RedisStreams#count), where every feed's write waits behind it.
     */
    public static final int LIQUIDATIONS_COUNTED_MAX = 1_000;

    public GuardPolicy {
        if (liqBreach5m < 0 || liqBreach5m >= LIQUIDATIONS_COUNTED_MAX) {
            throw new IllegalArgumentException("PERPWATCH_GUARD_LIQ_5M_BREACH must be from 0 to " + (LIQUIDATIONS_COUNTED_MAX - 1)
                    + " (liquidations are counted up to " + LIQUIDATIONS_COUNTED_MAX + "), got " + liqBreach5m);
        }
    }

    public static GuardPolicy fromEnv(Env env) {
        return new GuardPolicy(
                env.duration("PERPWATCH_GUARD_PRICE_MAX_AGE", Duration.ofSeconds(5)),
                env.duration("PERPWATCH_GUARD_BAR_MAX_AGE", Duration.ofSeconds(150)),
                env.duration("PERPWATCH_GUARD_BOOK_MAX_AGE", Duration.ofSeconds(5)),
                env.duration("PERPWATCH_GUARD_FUNDING_MAX_AGE", Duration.ofSeconds(180)),
                env.duration("PERPWATCH_GUARD_BASIS_MAX_AGE", Duration.ofSeconds(5)),
                env.duration("PERPWATCH_GUARD_BASIS_MAX_SKEW", Duration.ofSeconds(2)),
                BigDecimal.valueOf(env.decimal("PERPWATCH_GUARD_SPREAD_WARN_BPS", 10)),
                BigDecimal.valueOf(env.decimal("PERPWATCH_GUARD_MIN_DEPTH_USD", 50_000)),
                BigDecimal.valueOf(env.decimal("PERPWATCH_GUARD_FUNDING_APR_WARN", 300)),
                BigDecimal.valueOf(env.decimal("PERPWATCH_GUARD_BASIS_WARN_BPS", 50)),
                env.integer("PERPWATCH_GUARD_LIQ_5M_BREACH", 10),
                env.duration("PERPWATCH_GUARD_CACHE", Duration.ofSeconds(5)));
    }
}
