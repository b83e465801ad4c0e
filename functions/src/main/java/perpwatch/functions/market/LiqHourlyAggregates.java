package perpwatch.functions.market;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.model.LiquidationCodec;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.MalformedRecordException;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.stream.StreamKeys;

/**
 * The hourly liquidation aggregates in Redis ({@code <liquidations stream>:hourly:<hour start ms>}), one string per
 * closed write hour ({@link LiqHourAggregate}), built lazily: the first heatmap that needs a closed hour and finds no
 * aggregate reads that hour's raw entries once and stores the result.
 *
 * <p>Nothing lost, nothing doubled: an aggregate is built only for an hour no entry can join any more (its ids are
 * Redis's clock, which has left it), from every entry of that hour, and stored with one {@code SET}. Building is a
 * pure function of entries that no longer change, so two instances building the same hour at once store the same
 * value, and a lost or unreadable aggregate is simply built again. Nothing is ever incremented.
 */
@Singleton
public class LiqHourlyAggregates {
    static final long HOUR_MS = Duration.ofHours(1).toMillis();
    /**
     * An hour is final this long after it ends: ids are stamped by Redis's clock, ours may run ahead of it. NTP keeps
     * both within a second; a minute is the same allowance the heatmap gives venue clocks.
     */
    static final long SEAL_MARGIN_MS = 60_000;

    private static final Logger LOG = LoggerFactory.getLogger(LiqHourlyAggregates.class);
    private static final int PAGE = 2_000;
    /** Aggregates fetched per MGET: a few hundred KB per command, so no one read holds Redis up for long. */
    private static final int FETCH_BATCH = 8;

    private final RedisStreams redis;

    public LiqHourlyAggregates(RedisStreams redis) {
        this.redis = redis;
    }

    static String key(Instrument instrument, long hourStart) {
        return StreamKeys.liquidations(instrument).name() + ":hourly:" + hourStart;
    }

    /** The start of the first hour that may still gain entries at {@code nowMs}: every hour before it is closed. */
    static long openFrom(long nowMs) {
        return Math.floorDiv(nowMs - SEAL_MARGIN_MS, HOUR_MS) * HOUR_MS;
    }

    /**
     * Visits the aggregates of the closed hours [{@code fromHour}, {@code toHour}), oldest first, building any that
     * is missing. One batch at a time, never the whole week at once: a week of groups is tens of MB and the API
     * Lambda has 256 MB.
     */
    void forEachClosedHour(Instrument instrument, long fromHour, long toHour, Consumer<LiqHourAggregate> visitor) {
        List<Long> hours = new ArrayList<>();
        for (long h = fromHour; h < toHour; h += HOUR_MS) {
            hours.add(h);
        }
        for (int i = 0; i < hours.size(); i += FETCH_BATCH) {
            List<Long> batch = hours.subList(i, Math.min(hours.size(), i + FETCH_BATCH));
            List<String> stored =
                    redis.values(batch.stream().map(h -> key(instrument, h)).toList());
            for (int j = 0; j < batch.size(); j++) {
                visitor.accept(readOrBuild(instrument, batch.get(j), stored.get(j)));
            }
        }
    }

    private LiqHourAggregate readOrBuild(Instrument instrument, long hourStart, String stored) {
        if (stored != null) {
            try {
                return LiqHourAggregate.decode(hourStart, stored);
            } catch (MalformedRecordException e) {
                // Never read as "no liquidations": the raw entries are still there, so build it again.
                LOG.warn("{}: unreadable, rebuilding from raw entries: {}", key(instrument, hourStart), e.getMessage());
            }
        }
        return build(instrument, hourStart);
    }

    /** Reads the hour's raw entries once and stores their aggregate for as long as the stream keeps them. */
    LiqHourAggregate build(Instrument instrument, long hourStart) {
        StreamKey stream = StreamKeys.liquidations(instrument);
        LiqHourAggregate.Builder builder = new LiqHourAggregate.Builder(hourStart);
        redis.forEachInRange(stream, hourStart, hourStart + HOUR_MS - 1, PAGE, entry -> {
            try {
                builder.add(LiquidationCodec.INSTANCE.decode(entry.fields()));
            } catch (MalformedRecordException e) {
                builder.unreadable(entry.idTimeMs());
            }
        });
        LiqHourAggregate aggregate = builder.build();
        // Kept an hour beyond the stream's retention: the widest heatmap (168 h) reads the oldest hours it keeps.
        redis.putExpiring(
                key(instrument, hourStart),
                aggregate.encode(),
                stream.retention().plusHours(1));
        return aggregate;
    }
}
