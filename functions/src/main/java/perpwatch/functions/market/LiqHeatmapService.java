package perpwatch.functions.market;

import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.model.BarCodec;
import perpwatch.core.model.LiquidationCodec;
import perpwatch.core.model.PriceTickCodec;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.MalformedRecordException;
import perpwatch.core.stream.StreamEntry;
import perpwatch.core.stream.StreamKeys;

/** Bins the liquidation stream into the heatmap: 50 price bins × 12 time bins whose width scales with {@code hours}. */
@Singleton
public class LiqHeatmapService {
    public static final int PRICE_BINS = 50;
    public static final int TIME_BINS = 12;
    static final BigDecimal BAND = new BigDecimal("0.05");
    private static final Logger LOG = LoggerFactory.getLogger(LiqHeatmapService.class);
    private static final int PAGE = 2_000;
    /** Entries are written a little after the venue time they carry: read this much earlier by id. */
    private static final long WRITE_DELAY_ALLOWANCE_MS = 60_000;

    /** Longer windows read {@link LiqHourlyAggregates}: a week of raw entries is ~500k reads per map. */
    public static final int RAW_MAX_HOURS = 24;

    private final RedisStreams redis;
    private final LiqHourlyAggregates aggregates;
    private final Clock clock;

    /** Where the entries come from: every raw entry, or closed hours' aggregates and the open hour raw. */
    public enum Source {
        RAW,
        HOURLY
    }

    public LiqHeatmapService(RedisStreams redis, LiqHourlyAggregates aggregates, Clock clock) {
        this.redis = redis;
        this.aggregates = aggregates;
        this.clock = clock;
    }

    /** {@code hours} / {@value #TIME_BINS}: 5 minutes at {@code hours=1}, 14 h at 168. */
    public static Duration timeBinWidth(int hours) {
        return Duration.ofHours(hours).dividedBy(TIME_BINS);
    }

    /** Over more than {@value #RAW_MAX_HOURS} h from the hourly aggregates, otherwise from the raw entries. */
    public LiqHeatmap heatmap(Instrument instrument, int hours) {
        return heatmap(instrument, hours, hours > RAW_MAX_HOURS ? Source.HOURLY : Source.RAW);
    }

    /** Either source gives the same map, up to {@link FinePriceGrid}'s documented price error for aggregated hours. */
    public LiqHeatmap heatmap(Instrument instrument, int hours, Source source) {
        long now = clock.millis();
        List<String> warnings = new ArrayList<>();
        Reference reference = reference(instrument, warnings);
        long timeWidth = timeBinWidth(hours).toMillis();
        if (reference == null) {
            warnings.add("no reference price (price and bar streams are empty): nothing to bin against");
            return new LiqHeatmap(
                    now,
                    instrument.canonical(),
                    hours,
                    null,
                    null,
                    null,
                    List.of(),
                    List.of(),
                    List.of(),
                    0,
                    0,
                    warnings);
        }
        HeatmapGrid grid = new HeatmapGrid(reference.price(), BAND, PRICE_BINS, now, timeWidth, TIME_BINS);
        long lowerId = grid.timeStart() - WRITE_DELAY_ALLOWANCE_MS;
        int unreadable;
        if (source == Source.HOURLY) {
            unreadable = fromHourly(instrument, grid, lowerId, now);
        } else {
            unreadable = fromRaw(instrument, grid, lowerId);
        }
        if (unreadable > 0) {
            LOG.warn("liq heatmap {}: skipped {} unreadable entries", instrument.canonical(), unreadable);
            warnings.add(unreadable + " unreadable liquidation entries skipped");
        }
        if (grid.clippedBelow() + grid.clippedAbove() > 0) {
            warnings.add((grid.clippedBelow() + grid.clippedAbove())
                    + " liquidations outside ±5 % of the reference price are pinned to the edge bins");
        }
        return new LiqHeatmap(
                now,
                instrument.canonical(),
                hours,
                reference.price(),
                reference.ts(),
                reference.source(),
                grid.priceBins(),
                grid.timeBins(),
                grid.cells(),
                grid.clippedBelow(),
                grid.clippedAbove(),
                warnings);
    }

    /** Raw entries from the window's first id on. */
    private int fromRaw(Instrument instrument, HeatmapGrid grid, long fromId) {
        int[] unreadable = {0};
        redis.forEachInRange(StreamKeys.liquidations(instrument), fromId, Long.MAX_VALUE, PAGE, entry -> {
            try {
                grid.add(LiquidationCodec.INSTANCE.decode(entry.fields()));
            } catch (MalformedRecordException e) {
                unreadable[0]++;
            }
        });
        return unreadable[0];
    }

    /**
     * The closed write hours from their aggregates (one string each), then the open hour (and the minute after it
     * in which ids may still arrive) from raw entries. The first aggregated hour may start before {@code lowerId}:
     * its groups outside the time range are dropped by venue time, as raw entries are, and only its unreadable
     * entries at or after {@code lowerId} are counted, as the raw path would. (An entry with an id before
     * {@code lowerId} but a venue time inside the window, a venue clock over a minute ahead of Redis's, is counted
     * here and missed by the raw path.)
     */
    private int fromHourly(Instrument instrument, HeatmapGrid grid, long lowerId, long now) {
        if (grid.timeWidth() % LiqHourAggregate.SLOT_MS != 0) {
            throw new IllegalStateException("time bins of " + grid.timeWidth() + " ms split the aggregates' slots");
        }
        long firstHour = Math.floorDiv(lowerId, LiqHourlyAggregates.HOUR_MS) * LiqHourlyAggregates.HOUR_MS;
        long openFrom = LiqHourlyAggregates.openFrom(now);
        int[] unreadable = {0};
        // A week's groups share a few thousand buckets: each midpoint (an exp and a BigDecimal) is made once.
        Map<Integer, BigDecimal> midpoints = new HashMap<>();
        aggregates.forEachClosedHour(instrument, firstHour, openFrom, hour -> {
            for (LiqHourAggregate.Group g : hour.groups()) {
                grid.add(
                        g.slotStart(),
                        midpoints.computeIfAbsent(g.priceBucket(), FinePriceGrid::midpoint),
                        g.side(),
                        g.count(),
                        g.size(),
                        g.notional());
            }
            unreadable[0] += (int)
                    hour.unreadableIds().stream().filter(id -> id >= lowerId).count();
        });
        return unreadable[0] + fromRaw(instrument, grid, Math.max(lowerId, openFrom));
    }

    private record Reference(BigDecimal price, long ts, String source) {}

    private Reference reference(Instrument instrument, List<String> warnings) {
        Optional<StreamEntry> price = redis.last(StreamKeys.price(instrument));
        if (price.isPresent()) {
            try {
                var tick = PriceTickCodec.INSTANCE.decode(price.get().fields());
                return new Reference(tick.price(), tick.ts(), "price");
            } catch (MalformedRecordException e) {
                warnings.add("latest price entry is unreadable (" + e.getMessage() + "); using the last bar's close");
            }
        }
        Optional<StreamEntry> bar = redis.last(StreamKeys.trades(instrument));
        if (bar.isPresent()) {
            try {
                var b = BarCodec.INSTANCE.decode(bar.get().fields());
                return new Reference(b.close(), b.closeTime(), "bar");
            } catch (MalformedRecordException e) {
                warnings.add("latest bar entry is unreadable (" + e.getMessage() + ")");
            }
        }
        return null;
    }
}
