package perpwatch.functions.market;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.model.FundingSnapshot;
import perpwatch.core.model.FundingSnapshotCodec;
import perpwatch.core.model.SettledFunding;
import perpwatch.core.model.SettledFundingCodec;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.MalformedRecordException;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.stream.StreamKeys;

/**
 * Open interest by hour from the Bybit funding stream; funding history from the settled prints, with the current
 * predicted rate last. Both read by entry id time (when we
 * wrote) and place samples by venue time; an unreadable entry is skipped and logged, never zero-filled, and an
 * hour with no sample is absent rather than interpolated.
 */
@Singleton
public class FundingHistoryService {
    /**
     * A sparkline wider than this shows nothing more. Settled prints come at most hourly, so the longest window
     * (168 h) fits; the cap only guards against a stream holding more than the venue settled.
     */
    public static final int MAX_FUNDING_POINTS = 288;

    private static final Logger LOG = LoggerFactory.getLogger(FundingHistoryService.class);
    private static final long HOUR_MS = Duration.ofHours(1).toMillis();
    private static final int PAGE = 2_000;

    private final RedisStreams redis;
    private final Clock clock;

    public FundingHistoryService(RedisStreams redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** The current hour and the {@code hours − 1} before it, each with its last OI sample, oldest first. */
    public List<OiPoint> oiHistory(Instrument instrument, int hours) {
        long now = clock.millis();
        long from = Math.floorDiv(now, HOUR_MS) * HOUR_MS - (hours - 1) * HOUR_MS;
        LastPerBucket<FundingSnapshot> buckets = new LastPerBucket<>(from, HOUR_MS);
        // Placed by the OI row's own time; a sample without a one-sided figure (the venue gave none, or an entry from
        // before it was read, whose figure was two-sided) is no sample of oi_notional: its hour stays absent.
        read(StreamKeys.funding(instrument), from, s -> {
            if (s.oiNotional() != null) {
                buckets.offer(s.oiTime(), s);
            }
        });
        return buckets.points((hour, sampleTime, s) -> new OiPoint(hour, s.oiNotional()));
    }

    /**
     * The settled prints of the last {@code hours} (at most {@link #MAX_FUNDING_POINTS}, the newest kept), oldest
     * first, then the current predicted rate as the last element when the funding stream has one in the window.
     */
    public List<FundingPoint> fundingHistory(Instrument instrument, int hours) {
        long now = clock.millis();
        long from = now - hours * HOUR_MS + 1;
        // A print is written after its settlement time, so reading ids from the window's start finds every print in it;
        // prints backfilled at start-up carry old settlement times and are filtered by them.
        TreeMap<Long, FundingPoint> settled = new TreeMap<>();
        int[] unreadable = {0};
        StreamKey settledKey = StreamKeys.fundingSettled(instrument);
        redis.forEachInRange(settledKey, from, Long.MAX_VALUE, PAGE, entry -> {
            try {
                SettledFunding s = SettledFundingCodec.INSTANCE.decode(entry.fields());
                if (s.ts() >= from) {
                    // One point per settlement time, even if the stream held one twice.
                    settled.put(
                            s.ts(),
                            new FundingPoint(s.ts(), s.fundingRate8h(), s.fundingApr(), FundingPoint.Kind.SETTLED));
                }
            } catch (MalformedRecordException e) {
                unreadable[0]++;
            }
        });
        if (unreadable[0] > 0) {
            LOG.warn("{}: skipped {} unreadable entries", settledKey, unreadable[0]);
        }
        List<FundingPoint> all = new ArrayList<>(settled.values());
        List<FundingPoint> points =
                new ArrayList<>(all.subList(Math.max(0, all.size() - (MAX_FUNDING_POINTS - 1)), all.size()));
        // The predicted rate: the newest funding entry, if it is in the window (an older one is no current rate).
        redis.last(StreamKeys.funding(instrument)).ifPresent(entry -> {
            try {
                FundingSnapshot s = FundingSnapshotCodec.INSTANCE.decode(entry.fields());
                if (s.ts() >= from) {
                    points.add(
                            new FundingPoint(s.ts(), s.fundingRate8h(), s.fundingApr(), FundingPoint.Kind.PREDICTED));
                }
            } catch (MalformedRecordException e) {
                LOG.warn(
                        "{}: newest entry unreadable, no predicted rate: {}",
                        StreamKeys.funding(instrument),
                        e.getMessage());
            }
        });
        return points;
    }

    private void read(StreamKey key, long from, Consumer<FundingSnapshot> visitor) {
        int[] unreadable = {0};
        // Entries are written just after their venue time; reading from a minute earlier by id catches a sample
        // whose venue time is inside the window while never counting one twice (buckets filter by venue time).
        // Read to the stream's end, not to our clock: another machine's clock may run a little ahead of ours.
        redis.forEachInRange(key, from - 60_000, Long.MAX_VALUE, PAGE, entry -> {
            try {
                visitor.accept(FundingSnapshotCodec.INSTANCE.decode(entry.fields()));
            } catch (MalformedRecordException e) {
                unreadable[0]++;
            }
        });
        if (unreadable[0] > 0) {
            LOG.warn("{}: skipped {} unreadable entries", key, unreadable[0]);
        }
    }
}
