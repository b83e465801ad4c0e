package perpwatch.functions.market;

import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    private final RedisStreams redis;
    private final Clock clock;

    public LiqHeatmapService(RedisStreams redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** {@code hours} / {@value #TIME_BINS}: 5 minutes at {@code hours=1}, 14 h at 168. */
    public static Duration timeBinWidth(int hours) {
        return Duration.ofHours(hours).dividedBy(TIME_BINS);
    }

    public LiqHeatmap heatmap(Instrument instrument, int hours) {
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
        int[] unreadable = {0};
        redis.forEachInRange(
                StreamKeys.liquidations(instrument),
                grid.timeStart() - WRITE_DELAY_ALLOWANCE_MS,
                Long.MAX_VALUE,
                PAGE,
                entry -> {
                    try {
                        grid.add(LiquidationCodec.INSTANCE.decode(entry.fields()));
                    } catch (MalformedRecordException e) {
                        unreadable[0]++;
                    }
                });
        if (unreadable[0] > 0) {
            LOG.warn("liq heatmap {}: skipped {} unreadable entries", instrument.canonical(), unreadable[0]);
            warnings.add(unreadable[0] + " unreadable liquidation entries skipped");
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
