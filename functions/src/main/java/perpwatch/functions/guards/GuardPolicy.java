package perpwatch.functions.guards;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import perpwatch.core.config.Env;
import perpwatch.core.instrument.Instrument;

/**
 * Guard thresholds, staleness budgets and the required metrics (DESIGN §5 defaults). Every age is measured from the
 * venue's own timestamp, so a feed that writes old data on time still reads as stale.
 *
 * @param priceMaxAge      {@code PERPWATCH_GUARD_PRICE_MAX_AGE} (5s): the 1/s price stream older than this is stale
 * @param barMaxAge        {@code PERPWATCH_GUARD_BAR_MAX_AGE} (150s, from the bar's close): one missed bar is
 * tolerated, two are not
 * @param bookMaxAge       {@code PERPWATCH_GUARD_BOOK_MAX_AGE} (5s): spread and depth, published on change and at least
 * once a second
 * @param fundingMaxAge    {@code PERPWATCH_GUARD_FUNDING_MAX_AGE} (180s): funding, polled every 60 s
 * @param oiMaxAge         {@code PERPWATCH_GUARD_OI_MAX_AGE} (7m): open interest, aged from the OI row's own time,
 * which
 *                         Bybit stamps by its 5-minute period: one period, a poll and a margin
 * @param basisMaxAge      {@code PERPWATCH_GUARD_BASIS_MAX_AGE} (5s): each side of the basis
 * @param basisMaxSkew     {@code PERPWATCH_GUARD_BASIS_MAX_SKEW} (2s): the two sides' trade times apart
 * @param spreadWarnBps    {@code PERPWATCH_GUARD_SPREAD_WARN_BPS} (10)
 * @param minDepthUsd      {@code PERPWATCH_GUARD_MIN_DEPTH_USD} (50000): min(bid, ask) depth within 10 bps
 * @param fundingAprWarn   {@code PERPWATCH_GUARD_FUNDING_APR_WARN} (300): |APR| in percent
 * @param basisWarnBps     {@code PERPWATCH_GUARD_BASIS_WARN_BPS} (50): |basis|
 * @param liqBreach5m      {@code PERPWATCH_GUARD_LIQ_5M_BREACH} (10): more liquidations than this in 5 min is a breach
 * @param cacheTtl         {@code PERPWATCH_GUARD_CACHE} (5s): an answer is reused for at most this long, and never
 *                         past the moment one of its metrics would turn stale
 * @param readLagMax       {@code PERPWATCH_GUARD_READ_LAG} (25ms): an answer reflects everything that reached Redis up
 *                         to this long before the request (see {@link RecentRead}); 0 makes every request wait for a
 *                         Redis read that starts after it arrived
 * @param required         {@code PERPWATCH_GUARD_REQUIRED} (price, spread_bps, depth_10bps, liq_events_5m): an unknown
 *                         required metric is a breach, an unknown optional one a warning
 * @param requiredWhereListed required for an instrument listed on the metric's venues, and nothing for one that is
 *                         not: by default Velocity's oracle metrics ({@link #DEFAULT_REQUIRED_WHERE_LISTED}), since
 *                         the engine trades there and its protocol stops on them; empty when
 *                         {@code PERPWATCH_GUARD_REQUIRED} is set, which then says everything
 * @param clockSkewMax     {@code PERPWATCH_GUARD_CLOCK_SKEW_MAX} (2s): a record stamped further than this in this API's
 *                         future was written by a clock that is off; its age cannot be trusted, so it is unknown
 * @param velocity         the Velocity metrics' bounds ({@link VelocityGuardPolicy})
 */
public record GuardPolicy(
        Duration priceMaxAge,
        Duration barMaxAge,
        Duration bookMaxAge,
        Duration fundingMaxAge,
        Duration oiMaxAge,
        Duration basisMaxAge,
        Duration basisMaxSkew,
        BigDecimal spreadWarnBps,
        BigDecimal minDepthUsd,
        BigDecimal fundingAprWarn,
        BigDecimal basisWarnBps,
        int liqBreach5m,
        Duration cacheTtl,
        Duration readLagMax,
        Set<GuardMetric> required,
        Set<GuardMetric> requiredWhereListed,
        Duration clockSkewMax,
        VelocityGuardPolicy velocity) {

    public static final Duration LIQUIDATION_WINDOW = Duration.ofMinutes(5);
    /**
     * {@code liq_events_5m} is counted up to this many; 1,000 means "1,000 or more". A cascade can print hundreds of
     * events in five minutes and the guard only needs to know it is above the bar, while counting runs inside Redis
     * (see RedisStreams#count), where every feed's write waits behind it.
     */
    public static final int LIQUIDATIONS_COUNTED_MAX = 1_000;

    public static final Set<GuardMetric> DEFAULT_REQUIRED = Collections.unmodifiableSet(
            EnumSet.of(GuardMetric.PRICE, GuardMetric.SPREAD_BPS, GuardMetric.DEPTH_10BPS, GuardMetric.LIQ_EVENTS_5M));

    /**
     * Required by default where the instrument is listed on Velocity: not seeing the oracle the venue margins against
     * is not a pass (DESIGN §5). An instrument Velocity does not list is not breached for it.
     */
    public static final Set<GuardMetric> DEFAULT_REQUIRED_WHERE_LISTED = Collections.unmodifiableSet(
            EnumSet.of(GuardMetric.VELOCITY_ORACLE_AGE_SLOTS, GuardMetric.VELOCITY_MARK_ORACLE_BPS));

    /**
     * Far below every staleness budget (seconds) and the feeds' own publish cadence (the book at most once a second),
     * and enough for reads to run ahead of requests on a loaded box.
     */
    public static final Duration DEFAULT_READ_LAG = Duration.ofMillis(25);

    /** More than this and the answer could miss a whole book publication; set staleness budgets instead. */
    public static final Duration MAX_READ_LAG = Duration.ofMillis(500);

    public GuardPolicy {
        if (readLagMax.isNegative() || readLagMax.compareTo(MAX_READ_LAG) > 0) {
            throw new IllegalArgumentException("PERPWATCH_GUARD_READ_LAG must be from 0ms to " + MAX_READ_LAG.toMillis()
                    + "ms, got " + readLagMax.toMillis() + "ms");
        }
        if (liqBreach5m < 0 || liqBreach5m >= LIQUIDATIONS_COUNTED_MAX) {
            throw new IllegalArgumentException(
                    "PERPWATCH_GUARD_LIQ_5M_BREACH must be from 0 to " + (LIQUIDATIONS_COUNTED_MAX - 1)
                            + " (liquidations are counted up to " + LIQUIDATIONS_COUNTED_MAX + "), got " + liqBreach5m);
        }
        required = required.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(required));
        requiredWhereListed = requiredWhereListed.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(requiredWhereListed));
        // 10, not 10.0: the bounds are shown to people and engines as configured.
        spreadWarnBps = spreadWarnBps.stripTrailingZeros();
        minDepthUsd = minDepthUsd.stripTrailingZeros();
        fundingAprWarn = fundingAprWarn.stripTrailingZeros();
        basisWarnBps = basisWarnBps.stripTrailingZeros();
    }

    public static GuardPolicy fromEnv(Env env) {
        return new GuardPolicy(
                env.duration("PERPWATCH_GUARD_PRICE_MAX_AGE", Duration.ofSeconds(5)),
                env.duration("PERPWATCH_GUARD_BAR_MAX_AGE", Duration.ofSeconds(150)),
                env.duration("PERPWATCH_GUARD_BOOK_MAX_AGE", Duration.ofSeconds(5)),
                env.duration("PERPWATCH_GUARD_FUNDING_MAX_AGE", Duration.ofSeconds(180)),
                env.duration("PERPWATCH_GUARD_OI_MAX_AGE", Duration.ofMinutes(7)),
                env.duration("PERPWATCH_GUARD_BASIS_MAX_AGE", Duration.ofSeconds(5)),
                env.duration("PERPWATCH_GUARD_BASIS_MAX_SKEW", Duration.ofSeconds(2)),
                BigDecimal.valueOf(env.decimal("PERPWATCH_GUARD_SPREAD_WARN_BPS", 10)),
                BigDecimal.valueOf(env.decimal("PERPWATCH_GUARD_MIN_DEPTH_USD", 50_000)),
                BigDecimal.valueOf(env.decimal("PERPWATCH_GUARD_FUNDING_APR_WARN", 300)),
                BigDecimal.valueOf(env.decimal("PERPWATCH_GUARD_BASIS_WARN_BPS", 50)),
                env.integer("PERPWATCH_GUARD_LIQ_5M_BREACH", 10),
                env.duration("PERPWATCH_GUARD_CACHE", Duration.ofSeconds(5)),
                env.duration("PERPWATCH_GUARD_READ_LAG", DEFAULT_READ_LAG),
                requiredFrom(env.string("PERPWATCH_GUARD_REQUIRED", null)),
                env.string("PERPWATCH_GUARD_REQUIRED", null) == null ? DEFAULT_REQUIRED_WHERE_LISTED : Set.of(),
                env.duration("PERPWATCH_GUARD_CLOCK_SKEW_MAX", Duration.ofSeconds(2)),
                VelocityGuardPolicy.fromEnv(env));
    }

    /** A comma-separated list of metric names; {@code none} requires nothing (every unknown is then a warning). */
    static Set<GuardMetric> requiredFrom(String configured) {
        if (configured == null || configured.isBlank()) {
            return DEFAULT_REQUIRED;
        }
        if (configured.trim().equalsIgnoreCase("none")) {
            return Set.of();
        }
        try {
            return Arrays.stream(configured.split(","))
                    .filter(s -> !s.isBlank())
                    .map(GuardMetric::fromWire)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(GuardMetric.class)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PERPWATCH_GUARD_REQUIRED: " + e.getMessage(), e);
        }
    }

    /** Whether an unknown {@code metric} is a breach for {@code instrument}. */
    public boolean isRequired(GuardMetric metric, Instrument instrument) {
        return required.contains(metric)
                || (requiredWhereListed.contains(metric) && metric.notConfiguredReason(instrument) == null);
    }

    /** The metrics required for {@code instrument}, in metric order: what its answers list as {@code required}. */
    public Set<GuardMetric> requiredFor(Instrument instrument) {
        Set<GuardMetric> all = EnumSet.noneOf(GuardMetric.class);
        for (GuardMetric metric : GuardMetric.values()) {
            if (isRequired(metric, instrument)) {
                all.add(metric);
            }
        }
        return Collections.unmodifiableSet(all);
    }

    /**
     * Each metric's bounds as they are judged; the one source the answer, the thresholds route and the dashboard use.
     */
    public Map<GuardMetric, Threshold> thresholds() {
        Map<GuardMetric, Threshold> all = new EnumMap<>(GuardMetric.class);
        all.put(GuardMetric.PRICE, Threshold.freshness(priceMaxAge.toMillis()));
        all.put(GuardMetric.BAR, Threshold.freshness(barMaxAge.toMillis()));
        all.put(GuardMetric.SPREAD_BPS, Threshold.warnAbove(spreadWarnBps, bookMaxAge.toMillis()));
        all.put(GuardMetric.DEPTH_10BPS, Threshold.warnBelow(minDepthUsd, bookMaxAge.toMillis()));
        all.put(GuardMetric.FUNDING_APR, Threshold.warnAbsAbove(fundingAprWarn, fundingMaxAge.toMillis()));
        all.put(GuardMetric.OI_NOTIONAL, Threshold.freshness(oiMaxAge.toMillis()));
        all.put(GuardMetric.BASIS_BPS, Threshold.warnAbsAbove(basisWarnBps, basisMaxAge.toMillis()));
        all.put(GuardMetric.BASIS_OKX_BPS, Threshold.freshness(basisMaxAge.toMillis()));
        // Event-driven: no age budget; its freshness is the venues' subscription heartbeats.
        all.put(GuardMetric.LIQ_EVENTS_5M, Threshold.breachAbove(BigDecimal.valueOf(liqBreach5m), null));
        long velocityBook = velocity.bookMaxAge().toMillis();
        all.put(GuardMetric.VELOCITY_SPREAD_BPS, Threshold.warnAbove(velocity.spreadWarnBps(), velocityBook));
        all.put(GuardMetric.VELOCITY_DEPTH_10BPS, Threshold.warnBelow(velocity.minDepthUsd(), velocityBook));
        all.put(
                GuardMetric.VELOCITY_ORACLE_AGE_SLOTS,
                Threshold.breachAbove(
                        BigDecimal.valueOf(velocity.oracleMaxSlots()),
                        velocity.oracleMaxAge().toMillis()));
        // The gap is read from the book and the oracle together: its data is as old as the older may be.
        all.put(
                GuardMetric.VELOCITY_MARK_ORACLE_BPS,
                Threshold.breachAbsAbove(velocity.markOracleMaxBps(), velocityBook));
        all.put(
                GuardMetric.VELOCITY_FUNDING_APR,
                Threshold.warnAbsAbove(
                        velocity.fundingAprWarn(), velocity.fundingMaxAge().toMillis()));
        all.put(GuardMetric.BASIS_VELOCITY_BPS, Threshold.warnAbsAbove(velocity.basisWarnBps(), velocityBook));
        return all;
    }

    /**
     * A short digest of everything that decides a verdict (bounds, budgets, required set): an engine compares it with
     * the version it was written against, and every answer and decision names the version it was judged by.
     */
    public String version() {
        StringBuilder canonical = new StringBuilder();
        thresholds()
                .forEach((metric, t) -> canonical
                        .append(metric.wire())
                        .append('=')
                        .append(plain(t.warnAbove()))
                        .append(',')
                        .append(plain(t.warnBelow()))
                        .append(',')
                        .append(plain(t.warnAbsAbove()))
                        .append(',')
                        .append(plain(t.breachAbove()))
                        .append(',')
                        .append(plain(t.breachAbsAbove()))
                        .append(',')
                        .append(t.maxAgeMs())
                        .append(';'));
        canonical
                .append("required=")
                .append(required.stream().map(GuardMetric::wire).sorted().collect(Collectors.joining(",")))
                .append(";where_listed=")
                .append(requiredWhereListed.stream()
                        .map(GuardMetric::wire)
                        .sorted()
                        .collect(Collectors.joining(",")));
        canonical
                .append(";skew=")
                .append(basisMaxSkew.toMillis())
                .append(";clock=")
                .append(clockSkewMax.toMillis())
                .append(";counted_max=")
                .append(LIQUIDATIONS_COUNTED_MAX);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }
}
