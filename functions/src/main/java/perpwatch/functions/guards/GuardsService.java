package perpwatch.functions.guards;

import jakarta.inject.Singleton;
import java.time.Clock;
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
import perpwatch.core.model.PriceTick;
import perpwatch.core.model.PriceTickCodec;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.redis.StoreUnavailableException;
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
    /** Metrics whose feeds are not wired into the guards yet: reported as no data, never as zero. */
    private static final List<String> NOT_YET_FED = List.of("spread_bps", "depth_10bps", "funding_apr", "basis_bps", "oi_notional", "liq_events_5m");

    private final RedisStreams redis;
    private final GuardPolicy policy;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /** An answer and the instant after which it must be recomputed. */
    private record Cached(GuardsResponse response, long validUntilMs) {
    }

    public GuardsService(RedisStreams redis, FunctionsConfig config, Clock clock) {
        this.redis = redis;
        this.policy = config.guards();
        this.clock = clock;
    }

    /** The cached answer while it is valid, else a fresh one. Concurrent misses may compute twice; that is harmless. */
    public GuardsResponse evaluate(Instrument instrument) {
        long now = clock.millis();
        Cached cached = cache.get(instrument.canonical());
        if (cached != null && now < cached.validUntilMs()) {
            return cached.response();
        }
        return compute(instrument, now);
    }

    private GuardsResponse compute(Instrument instrument, long now) {
        Optional<StreamEntry> priceEntry;
        Optional<StreamEntry> barEntry;
        try {
            priceEntry = redis.last(StreamKeys.price(instrument));
            barEntry = redis.last(StreamKeys.trades(instrument));
        } catch (StoreUnavailableException e) {
            LOG.warn("guards for {}: redis unavailable: {}", instrument.canonical(), e.getMessage());
            return unavailable(instrument, now);
        }

        MetricChecks checks = new MetricChecks(now);
        Optional<PriceTick> price = checks.fresh("price", priceEntry, PriceTickCodec.INSTANCE, PriceTick::ts, policy.priceMaxAge());
        Optional<Bar> bar = checks.fresh("bar", barEntry, BarCodec.INSTANCE, Bar::closeTime, policy.barMaxAge());
        NOT_YET_FED.forEach(checks::missing);

        String dataSource = checks.dataSource();
        List<String> warnings = checks.warnings();
        String status = GuardsResponse.UNAVAILABLE.equals(dataSource) ? GuardsResponse.BREACH
                : warnings.isEmpty() ? GuardsResponse.PASSING : GuardsResponse.WARNING;
        GuardsResponse response = new GuardsResponse(now, instrument.canonical(),
                price.map(PriceTick::price).orElse(null),
                bar.map(BarView::of).orElse(null),
                null, DepthView.UNKNOWN, null, null, null, null,
                status, warnings, dataSource, checks.ages());
        if (!GuardsResponse.UNAVAILABLE.equals(dataSource)) {
            long ttl = Math.min(policy.cacheTtl().toMillis(), checks.headroomMs());
            cache.put(instrument.canonical(), new Cached(response, now + ttl));
        }
        return response;
    }

    private static GuardsResponse unavailable(Instrument instrument, long now) {
        Map<String, Long> ages = new LinkedHashMap<>();
        for (String metric : List.of("price", "bar")) {
            ages.put(metric, null);
        }
        NOT_YET_FED.forEach(metric -> ages.put(metric, null));
        return new GuardsResponse(now, instrument.canonical(), null, null, null, DepthView.UNKNOWN, null, null, null, null,
                GuardsResponse.BREACH, List.of("redis unavailable: no guard can be evaluated"), GuardsResponse.UNAVAILABLE,
                java.util.Collections.unmodifiableMap(ages));
    }
}
