package perpwatch.functions.guards;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.instrument.Venue;
import perpwatch.core.model.Bar;
import perpwatch.core.model.BarCodec;
import perpwatch.core.model.BookTop;
import perpwatch.core.model.BookTopCodec;
import perpwatch.core.model.FundingSnapshot;
import perpwatch.core.model.FundingSnapshotCodec;
import perpwatch.core.model.LastTrade;
import perpwatch.core.model.LastTradeCodec;
import perpwatch.core.model.PriceTick;
import perpwatch.core.model.PriceTickCodec;
import perpwatch.core.redis.StoreUnavailableException;
import perpwatch.core.stream.MalformedRecordException;
import perpwatch.core.stream.StreamEntry;
import perpwatch.core.stream.StreamKeys;
import perpwatch.functions.config.FunctionsConfig;

/**
 * Evaluates the risk guards from the latest stream entries. It fails closed: each metric is {@code pass}, {@code warn},
 * {@code breach} or {@code unknown}; an unknown required metric is a breach (see {@link StatusRule}), and Redis
 * unreachable makes every metric unknown. Every answer computed is offered to the decision log.
 */
@Singleton
public class GuardsService {
    private static final Logger LOG = LoggerFactory.getLogger(GuardsService.class);

    private final GuardInputsReader reader;
    private final GuardPolicy policy;
    private final String thresholdsVersion;
    private final Map<GuardMetric, Threshold> bounds;
    private final BasisCalculator basis;
    private final VelocityGuards velocity;
    private final Clock clock;
    private final AnswerStamp stamp;
    private final DecisionLog decisions;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** Per instrument: requests share fingerprint reads no older than the read lag (see {@link RecentRead}). */
    private final Map<String, RecentRead<List<String>>> fingerprints = new ConcurrentHashMap<>();

    /**
     * An answer, the instant after which it must be recomputed, and what it was computed from: the newest id of every
     * input stream and every venue heartbeat, read before the inputs (so a change in between only makes the next
     * request recompute).
     */
    private record Cached(GuardsResponse response, long validUntilMs, List<String> fingerprint) {}

    /** A recompute in flight and the fingerprint it computes from. */
    private record Computing(List<String> fingerprint, CompletableFuture<GuardsResponse> answer) {}

    private final Map<String, Computing> computing = new ConcurrentHashMap<>();
    private final Map<String, ThrottledWarning> unavailableWarnings = new ConcurrentHashMap<>();

    GuardsService(
            GuardInputsReader reader, FunctionsConfig config, Clock clock, AnswerStamp stamp, DecisionLog decisions) {
        this.reader = reader;
        this.policy = config.guards();
        this.thresholdsVersion = policy.version();
        this.bounds = policy.thresholds();
        this.basis = new BasisCalculator(policy.basisMaxAge(), policy.basisMaxSkew(), policy.clockSkewMax());
        this.velocity = new VelocityGuards(policy);
        this.clock = clock;
        this.stamp = stamp;
        this.decisions = decisions;
    }

    /**
     * The cached answer while nothing it was computed from has changed (one round trip checks every input stream's
     * newest id and every venue heartbeat) and none of its metrics has turned stale; else a fresh one. A venue event
     * is therefore in the first answer after it reaches Redis. Concurrent misses may compute twice; that is harmless.
     */
    public GuardsResponse evaluate(Instrument instrument) {
        long now = clock.millis();
        List<String> fingerprint;
        try {
            fingerprint = reader.fingerprint(instrument);
        } catch (StoreUnavailableException e) {
            return unreachable(instrument, now, e);
        }
        GuardsResponse cached = cached(instrument, now, fingerprint);
        return cached != null ? cached : recompute(instrument, now, fingerprint);
    }

    /**
     * {@link #evaluate} for a caller on an event loop: the fingerprint's round trip is awaited without holding the
     * thread, and a cached answer (the common case: the guards change about once a second, requests come far more
     * often) completes on Redis' I/O thread. Only a recompute, which reads Redis synchronously, runs on {@code
     * blocking}. Unlike {@link #evaluate}, the fingerprint may be one read up to the policy's read lag before the
     * request ({@link RecentRead}): a venue event that reached Redis that long before the request is in the answer,
     * and under load most requests need no round trip at all. Staleness is still judged at the request's own time.
     */
    public CompletableFuture<GuardsResponse> evaluateAsync(Instrument instrument, Executor blocking) {
        long now = clock.millis();
        return fingerprints
                .computeIfAbsent(
                        instrument.canonical(),
                        k -> new RecentRead<>(
                                () -> reader.fingerprintAsync(instrument),
                                policy.readLagMax().toNanos(),
                                System::nanoTime))
                .get()
                .handle((fingerprint, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause()
                                : failure;
                        if (cause instanceof StoreUnavailableException e) {
                            return CompletableFuture.supplyAsync(() -> unreachable(instrument, now, e), blocking);
                        }
                        return CompletableFuture.<GuardsResponse>failedFuture(cause);
                    }
                    GuardsResponse cached = cached(instrument, now, fingerprint);
                    return cached != null
                            ? CompletableFuture.completedFuture(cached)
                            : recomputeOnce(instrument, now, fingerprint, blocking);
                })
                .thenCompose(f -> f);
    }

    /**
     * One recompute per instrument and fingerprint at a time: the requests that miss the cache while it runs wait for
     * it. Without this, every request arriving during a recompute (a few milliseconds of Redis reads and JSON) started
     * its own, and at 10,000 requests a second the guards spent their time recomputing one answer hundreds of times.
     * A request that waited still gets the answer only while it is valid at its own time; else it computes its own.
     */
    private CompletableFuture<GuardsResponse> recomputeOnce(
            Instrument instrument, long now, List<String> fingerprint, Executor blocking) {
        String key = instrument.canonical();
        Computing mine = new Computing(fingerprint, new CompletableFuture<>());
        Computing running = computing.compute(
                key,
                (k, c) -> c != null && !c.answer().isDone() && c.fingerprint().equals(fingerprint) ? c : mine);
        if (running != mine) {
            return running.answer().thenCompose(shared -> {
                GuardsResponse valid = cached(instrument, now, fingerprint);
                return valid != null
                        ? CompletableFuture.completedFuture(valid)
                        : CompletableFuture.supplyAsync(() -> recompute(instrument, now, fingerprint), blocking);
            });
        }
        try {
            blocking.execute(() -> {
                try {
                    mine.answer().complete(recompute(instrument, now, fingerprint));
                } catch (RuntimeException | Error e) {
                    mine.answer().completeExceptionally(e);
                } finally {
                    computing.remove(key, mine);
                }
            });
        } catch (RuntimeException e) {
            // The pool refused the task (shutting down): nobody may wait on a recompute that never runs.
            computing.remove(key, mine);
            mine.answer().completeExceptionally(e);
        }
        return mine.answer();
    }

    /** The cached answer if nothing it was computed from has changed and none of its metrics has turned stale. */
    private GuardsResponse cached(Instrument instrument, long now, List<String> fingerprint) {
        Cached cached = cache.get(instrument.canonical());
        if (cached != null
                && now < cached.validUntilMs()
                && cached.fingerprint().equals(fingerprint)) {
            return cached.response();
        }
        return null;
    }

    /** Reads the inputs and computes a fresh answer (synchronous Redis reads: never on an event loop). */
    private GuardsResponse recompute(Instrument instrument, long now, List<String> fingerprint) {
        GuardsResponse response;
        try {
            GuardInputs inputs = reader.read(instrument, now, fingerprint);
            response = evaluate(instrument, inputs, now, fingerprint);
        } catch (StoreUnavailableException e) {
            return unreachable(instrument, now, e);
        }
        decisions.offer(instrument, response);
        return response;
    }

    private GuardsResponse unreachable(Instrument instrument, long now, StoreUnavailableException e) {
        // "guards data_source unavailable" is what the cloud's GuardsUnavailable metric filter counts: at most one
        // line a second per instrument, the first at once, with how many answers it stands for.
        long folded = unavailableWarnings
                .computeIfAbsent(instrument.canonical(), k -> new ThrottledWarning(1_000, clock::millis))
                .occurred();
        if (folded >= 0) {
            LOG.warn(
                    "guards data_source unavailable for {}: redis unreachable: {} ({} more such answers since the"
                            + " last line)",
                    instrument.canonical(),
                    e.getMessage(),
                    folded);
        }
        GuardsResponse response = unavailable(instrument, now);
        decisions.offer(instrument, response);
        return response;
    }

    private GuardsResponse evaluate(Instrument instrument, GuardInputs in, long now, List<String> fingerprint) {
        MetricChecks checks = new MetricChecks(now, policy.clockSkewMax());
        notConfigured(instrument, checks);
        Optional<PriceTick> price = checks.fresh(
                GuardMetric.PRICE,
                StreamKeys.price(instrument).name(),
                in.price(),
                PriceTickCodec.INSTANCE,
                PriceTick::ts,
                policy.priceMaxAge());
        Optional<Bar> bar = checks.fresh(
                GuardMetric.BAR,
                StreamKeys.trades(instrument).name(),
                in.bar(),
                BarCodec.INSTANCE,
                Bar::closeTime,
                policy.barMaxAge());
        Optional<BookTop> book = checks.fresh(
                List.of(GuardMetric.SPREAD_BPS, GuardMetric.DEPTH_10BPS),
                StreamKeys.book(instrument).name(),
                in.book(),
                BookTopCodec.INSTANCE,
                BookTop::ts,
                policy.bookMaxAge());
        String fundingStream = StreamKeys.funding(instrument).name();
        Optional<FundingSnapshot> funding = checks.fresh(
                GuardMetric.FUNDING_APR,
                fundingStream,
                in.funding(),
                FundingSnapshotCodec.INSTANCE,
                FundingSnapshot::ts,
                policy.fundingMaxAge());
        // Open interest has its own time (Bybit stamps it by its 5-minute period) and so its own budget.
        Optional<FundingSnapshot> openInterest = checks.fresh(
                GuardMetric.OI_NOTIONAL,
                fundingStream,
                in.funding(),
                FundingSnapshotCodec.INSTANCE,
                FundingSnapshot::oiTime,
                policy.oiMaxAge());
        if (openInterest.isPresent() && openInterest.get().oiNotional() == null) {
            // The venue gave only the two-sided figure: one side is never guessed by halving it.
            checks.missing(GuardMetric.OI_NOTIONAL, "no one-sided open interest from the venue (oi_two_sided only)");
            openInterest = Optional.empty();
        }

        BasisReading crossVenue = basis(
                in.usdcTrade(),
                source(instrument, Venue.OKX_USDC),
                in.price(),
                true,
                source(instrument, Venue.BINANCE),
                now);
        checks.derived(GuardMetric.BASIS_BPS, crossVenue.ageMs(), crossVenue.problem(), crossVenue.headroomMs());
        BasisReading okxOnly = basis(
                in.usdcTrade(),
                source(instrument, Venue.OKX_USDC),
                in.okxUsdtTrade(),
                false,
                source(instrument, Venue.OKX_USDT),
                now);
        checks.derived(GuardMetric.BASIS_OKX_BPS, okxOnly.ageMs(), okxOnly.problem(), okxOnly.headroomMs());

        LiquidationWindow liquidations = LiquidationWindow.of(in, now, StreamKeys.liquidationVenues(instrument));
        Integer total = liquidations.total();
        boolean countAboveBar = total != null && total > policy.liqBreach5m();
        if (total == null) {
            // No venue connected: an empty window would read as a calm market, so there is no count.
            checks.missing(GuardMetric.LIQ_EVENTS_5M, liquidations.silentCaveat());
        } else if (liquidations.unprovable() != null && !countAboveBar) {
            // A lower bound under the bar proves nothing; one above it is a breach all the same.
            checks.missing(GuardMetric.LIQ_EVENTS_5M, liquidations.unprovable());
        } else {
            checks.known(GuardMetric.LIQ_EVENTS_5M, liquidations.newestAgeMs());
        }

        ThresholdVerdict verdict = new ThresholdVerdict(policy);
        Set<GuardMetric> required = policy.requiredFor(instrument);
        GuardBoard board = new GuardBoard(checks, bounds, required);
        board.judge(GuardMetric.PRICE, price.map(PriceTick::price).orElse(null), Judged.PASS);
        board.judge(GuardMetric.BAR, bar.map(Bar::close).orElse(null), Judged.PASS);
        board.judge(
                GuardMetric.SPREAD_BPS,
                book.map(BookTop::spreadBps).orElse(null),
                book.map(b -> verdict.spread(b.spreadBps())).orElse(null));
        board.judge(
                GuardMetric.DEPTH_10BPS,
                book.map(b -> b.depthBidUsd().min(b.depthAskUsd())).orElse(null),
                book.map(b -> verdict.depth(b.depthBidUsd(), b.depthAskUsd())).orElse(null));
        board.judge(
                GuardMetric.FUNDING_APR,
                funding.map(FundingSnapshot::fundingApr).orElse(null),
                funding.map(f -> verdict.funding(f.fundingApr())).orElse(null));
        board.judge(
                GuardMetric.OI_NOTIONAL,
                openInterest.map(FundingSnapshot::oiNotional).orElse(null),
                Judged.PASS);
        board.judge(
                GuardMetric.BASIS_BPS,
                crossVenue.bps(),
                crossVenue.bps() == null ? null : verdict.basis(crossVenue.bps()));
        board.judge(GuardMetric.BASIS_OKX_BPS, okxOnly.bps(), Judged.PASS);
        Judged liqJudged = total == null ? null : verdict.liquidations(total, liquidations.atLeast());
        if (liqJudged == Judged.PASS && liquidations.silentCaveat() != null) {
            // Some venues silent: a count under the bar cannot prove a calm market, so it is not a pass.
            liqJudged = Judged.warn(liquidations.silentCaveat());
        } else if (liqJudged == Judged.PASS && liquidations.unreadable() > 0) {
            liqJudged = Judged.warn("liq_events_5m: " + liquidations.unreadable()
                    + " entries with an unreadable event time are in no count");
        }
        board.judge(GuardMetric.LIQ_EVENTS_5M, total, liqJudged);
        if (liqJudged != null && liqJudged.state() == GuardState.BREACH && liquidations.silentCaveat() != null) {
            checks.warn(liquidations.silentCaveat());
        }
        velocity.judge(instrument, in, price, checks, verdict, board, now);

        DataSource dataSource = checks.dataSource();
        GuardStatus status = StatusRule.status(board.guards(), required);
        GuardsResponse response = GuardsResponse.builder()
                .stamp(now, stamp.next(), stamp.instance(), instrument.canonical())
                .price(price.map(PriceTick::price).orElse(null))
                .lastBar(bar.map(BarView::of).orElse(null))
                .book(
                        book.map(BookTop::spreadBps).orElse(null),
                        book.map(b -> new DepthView(b.depthBidUsd(), b.depthAskUsd()))
                                .orElse(DepthView.UNKNOWN))
                .funding(
                        funding.map(FundingSnapshot::fundingApr).orElse(null),
                        openInterest.map(FundingSnapshot::oiNotional).orElse(null))
                .basis(crossVenue.bps(), okxOnly.bps())
                // Unknown has no number, not even the lower bound the scan reached.
                .liquidations(
                        checks.unknownReason(GuardMetric.LIQ_EVENTS_5M) == null ? total : null, liquidations.byVenue())
                .verdict(status, dataSource, checks.warnings())
                .metrics(checks.ages(), board.byName(), List.copyOf(required), thresholdsVersion)
                .build();
        if (dataSource == DataSource.UNAVAILABLE) {
            LOG.warn("guards data_source unavailable for {}: no stream has data", instrument.canonical());
        } else {
            long ttl = Math.min(policy.cacheTtl().toMillis(), checks.headroomMs());
            cache.put(instrument.canonical(), new Cached(response, now + ttl, fingerprint));
        }
        return response;
    }

    /**
     * Marks the metrics the instrument's venues cannot give. A required one is a breach (StatusRule): refusing the
     * configuration at start-up instead would take every instrument's guards down for one row's gap, while a breach
     * with its reason fails closed for that instrument alone and tells the operator which venue is missing.
     */
    private void notConfigured(Instrument instrument, MetricChecks checks) {
        for (GuardMetric metric : GuardMetric.values()) {
            String reason = metric.notConfiguredReason(instrument);
            if (reason != null) {
                checks.notConfigured(metric, reason, policy.isRequired(metric, instrument));
            }
        }
    }

    /** A price's label in a basis message: the venue and its symbol, or the venue alone when not listed. */
    private static String source(Instrument instrument, Venue venue) {
        return venue.exchange()
                + instrument.listing(venue).map(l -> " " + l.symbol()).orElse("");
    }

    private BasisReading basis(
            Optional<StreamEntry> usdcEntry,
            String usdcSource,
            Optional<StreamEntry> usdtEntry,
            boolean usdtIsPriceTick,
            String usdtSource,
            long now) {
        try {
            Optional<PricePoint> usdc = usdcEntry
                    .map(e -> LastTradeCodec.INSTANCE.decode(e.fields()))
                    .map(t -> new PricePoint(usdcSource, t.price(), t.ts()));
            Optional<PricePoint> usdt = usdtEntry.map(e -> usdtIsPriceTick
                    ? point(usdtSource, PriceTickCodec.INSTANCE.decode(e.fields()))
                    : point(usdtSource, LastTradeCodec.INSTANCE.decode(e.fields())));
            return basis.compute(usdc, usdt, now);
        } catch (MalformedRecordException e) {
            return new BasisReading(null, null, "latest entry is unreadable (" + e.getMessage() + ")", 0);
        }
    }

    private static PricePoint point(String source, PriceTick tick) {
        return new PricePoint(source, tick.price(), tick.ts());
    }

    private static PricePoint point(String source, LastTrade trade) {
        return new PricePoint(source, trade.price(), trade.ts());
    }

    /** Redis unreachable: every metric unknown, so the answer is a breach whatever the required set. */
    private GuardsResponse unavailable(Instrument instrument, long now) {
        String why = "redis unavailable: no guard can be evaluated";
        Map<String, Long> ages = new LinkedHashMap<>();
        Map<String, MetricGuard> guards = new LinkedHashMap<>();
        for (GuardMetric metric : GuardMetric.values()) {
            ages.put(metric.wire(), null);
            // What the instrument lists is configuration, known without Redis.
            String notConfigured = metric.notConfiguredReason(instrument);
            guards.put(
                    metric.wire(),
                    new MetricGuard(
                            notConfigured == null ? GuardState.UNKNOWN : GuardState.NOT_CONFIGURED,
                            null,
                            null,
                            bounds.get(metric),
                            policy.isRequired(metric, instrument),
                            notConfigured == null ? why : notConfigured));
        }
        return GuardsResponse.builder()
                .stamp(now, stamp.next(), stamp.instance(), instrument.canonical())
                .liquidations(null, LiquidationWindow.unknownByVenue(StreamKeys.liquidationVenues(instrument)))
                .verdict(GuardStatus.BREACH, DataSource.UNAVAILABLE, List.of(why))
                .metrics(
                        Collections.unmodifiableMap(ages),
                        guards,
                        List.copyOf(policy.requiredFor(instrument)),
                        thresholdsVersion)
                .build();
    }
}
