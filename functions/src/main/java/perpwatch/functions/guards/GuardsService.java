package perpwatch.functions.guards;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.instrument.Instrument;
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
 * Evaluates the risk guards from the latest stream entries. It fails closed: Redis unreachable is a
 * {@code breach} with {@code data_source: unavailable}; stale or missing metrics are {@code null} with a warning,
 * and any warning keeps the status from {@code passing}.
 */
@Singleton
public class GuardsService {
    private static final Logger LOG = LoggerFactory.getLogger(GuardsService.class);
    static final List<String> METRICS = List.of("price", "bar", "spread_bps", "depth_10bps", "funding_apr",
            "oi_notional", "basis_bps", "basis_okx_bps", "liq_events_5m");

    private final GuardInputsReader reader;
    private final GuardPolicy policy;
    private final BasisCalculator basis;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** An answer and the instant after which it must be recomputed. */
    private record Cached(GuardsResponse response, long validUntilMs) {
    }

    GuardsService(GuardInputsReader reader, FunctionsConfig config, Clock clock) {
        this.reader = reader;
        this.policy = config.guards();
        this.basis = new BasisCalculator(policy.basisMaxAge(), policy.basisMaxSkew());
        this.clock = clock;
    }

    /** The cached answer while it is valid, else a fresh one. Concurrent misses may compute twice; that is harmless. */
    public GuardsResponse evaluate(Instrument instrument) {
        long now = clock.millis();
        Cached cached = cache.get(instrument.canonical());
        if (cached != null && now < cached.validUntilMs()) {
            return cached.response();
        }
        GuardInputs inputs;
        try {
            inputs = reader.read(instrument, now);
        } catch (StoreUnavailableException e) {
            // "guards data_source unavailable" is what the cloud's GuardsUnavailable metric filter counts.
            LOG.warn("guards data_source unavailable for {}: redis unreachable: {}", instrument.canonical(), e.getMessage());
            return unavailable(instrument, now);
        }
        return evaluate(instrument, inputs, now);
    }

    private GuardsResponse evaluate(Instrument instrument, GuardInputs in, long now) {
        MetricChecks checks = new MetricChecks(now);
        Optional<PriceTick> price = checks.fresh("price", in.price(), PriceTickCodec.INSTANCE, PriceTick::ts, policy.priceMaxAge());
        Optional<Bar> bar = checks.fresh("bar", in.bar(), BarCodec.INSTANCE, Bar::closeTime, policy.barMaxAge());
        Optional<BookTop> book = checks.fresh(List.of("spread_bps", "depth_10bps"), in.book(), BookTopCodec.INSTANCE,
                BookTop::ts, policy.bookMaxAge());
        Optional<FundingSnapshot> funding = checks.fresh(List.of("funding_apr", "oi_notional"), in.funding(),
                FundingSnapshotCodec.INSTANCE, FundingSnapshot::ts, policy.fundingMaxAge());

        BasisReading crossVenue = basis(in.usdcTrade(), "okx " + instrument.okxUsdc(), in.price(), true, "binance " + instrument.binance(), now);
        checks.derived("basis_bps", crossVenue.ageMs(), crossVenue.problem(), crossVenue.headroomMs());
        BasisReading okxOnly = basis(in.usdcTrade(), "okx " + instrument.okxUsdc(), in.okxUsdtTrade(), false, "okx " + instrument.okxUsdt(), now);
        checks.derived("basis_okx_bps", okxOnly.ageMs(), okxOnly.problem(), okxOnly.headroomMs());

        Integer liquidations = in.liquidationsRecent();
        Long newestAge = in.newestLiquidation().map(e -> Math.max(0, now - e.idTimeMs())).orElse(null);
        if (in.liquidationSilent().size() == StreamKeys.LIQUIDATION_VENUES.size()) {
            // No venue connected: an empty window would read as a calm market, so there is no count.
            liquidations = null;
            checks.missing("liq_events_5m", "no liquidation feed connected (" + String.join(", ", in.liquidationSilent()) + " silent)");
        } else {
            checks.derived("liq_events_5m", newestAge, null, Long.MAX_VALUE);
            if (!in.liquidationSilent().isEmpty()) {
                checks.thresholdCrossed("liq_events_5m: " + String.join(", ", in.liquidationSilent())
                        + " not connected; the count covers the other venues only");
            }
        }

        ThresholdVerdict thresholds = new ThresholdVerdict(policy);
        book.ifPresent(thresholds::book);
        funding.ifPresent(thresholds::funding);
        thresholds.basis(crossVenue.bps());
        thresholds.liquidations(liquidations);
        thresholds.messages().forEach(checks::thresholdCrossed);

        String dataSource = checks.dataSource();
        List<String> warnings = checks.warnings();
        String status;
        if (GuardsResponse.UNAVAILABLE.equals(dataSource) || thresholds.breach()) {
            status = GuardsResponse.BREACH;
        } else {
            status = warnings.isEmpty() ? GuardsResponse.PASSING : GuardsResponse.WARNING;
        }
        GuardsResponse response = new GuardsResponse(now, instrument.canonical(),
                price.map(PriceTick::price).orElse(null),
                bar.map(BarView::of).orElse(null),
                book.map(BookTop::spreadBps).orElse(null),
                book.map(b -> new DepthView(b.depthBidUsd(), b.depthAskUsd())).orElse(DepthView.UNKNOWN),
                funding.map(FundingSnapshot::fundingApr).orElse(null),
                crossVenue.bps(), okxOnly.bps(),
                funding.map(FundingSnapshot::oiNotional).orElse(null),
                liquidations, status, warnings, dataSource, checks.ages());
        if (GuardsResponse.UNAVAILABLE.equals(dataSource)) {
            LOG.warn("guards data_source unavailable for {}: no stream has data", instrument.canonical());
        } else {
            long ttl = Math.min(policy.cacheTtl().toMillis(), checks.headroomMs());
            cache.put(instrument.canonical(), new Cached(response, now + ttl));
        }
        return response;
    }

    private BasisReading basis(Optional<StreamEntry> usdcEntry, String usdcSource, Optional<StreamEntry> usdtEntry,
                               boolean usdtIsPriceTick, String usdtSource, long now) {
        try {
            Optional<PricePoint> usdc = usdcEntry.map(e -> LastTradeCodec.INSTANCE.decode(e.fields()))
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

    private static GuardsResponse unavailable(Instrument instrument, long now) {
        Map<String, Long> ages = new LinkedHashMap<>();
        METRICS.forEach(metric -> ages.put(metric, null));
        return new GuardsResponse(now, instrument.canonical(), null, null, null, DepthView.UNKNOWN, null, null, null, null, null,
                GuardsResponse.BREACH, List.of("redis unavailable: no guard can be evaluated"), GuardsResponse.UNAVAILABLE,
                Collections.unmodifiableMap(ages));
    }
}
