package perpwatch.bench.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamEntry;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.stream.StreamKeys;
import perpwatch.feeds.FeedTask;
import perpwatch.local.LocalCloud;
import perpwatch.local.market.synthetic.SyntheticVenueDriver;

/**
 * What every scenario works with: the running cloud, its SOL market driver, Redis, the guards watcher
 * and the Kinesis fault proxy (null when the durable log is off). {@code scale} shortens every phase (1 = the
 * issue's durations; 0.2 for a quick run).
 */
record HarnessContext(
        LocalCloud cloud,
        SyntheticVenueDriver market,
        Instrument instrument,
        RedisStreams redis,
        GuardsWatcher guards,
        KinesisFaultProxy kinesis,
        ArchiveCheck archive,
        double scale) {

    /**
     * The traffic under the fault scenarios (2–4): mixed venue messages a second. Chosen so the Kinesis emulator
     * (kinesis-mock on Node, about a hundred records a second here) keeps up between faults; at this rate the feeds
     * log about 45 records a second, a tenth of them liquidations.
     */
    static final int FAULT_LOAD = 400;

    long scaled(long millis) {
        return Math.max(2_000, (long) (millis * scale));
    }

    StreamKey liquidations() {
        return StreamKeys.liquidations(instrument);
    }

    /**
     * Entries Redis made visible in [fromMs, toMs] (by entry id: the moment every reader could see them), read page
     * by page.
     */
    List<StreamEntry> entries(StreamKey key, long fromMs, long toMs) {
        List<StreamEntry> out = new ArrayList<>();
        redis.forEachInRange(key, fromMs, toMs, 5_000, out::add);
        return out;
    }

    /** The venue's event time of an entry. */
    static long ts(StreamEntry entry) {
        return Long.parseLong(entry.field("ts"));
    }

    /** Every feed task's counters, summed by name across tasks (tasks share names such as redis_dropped). */
    Map<String, Long> counters() {
        Map<String, Long> sum = new HashMap<>();
        for (FeedTask task : cloud.feeds()) {
            task.counters().forEach((k, v) -> sum.merge(k, v, Long::sum));
        }
        return sum;
    }

    /** The counters of the tasks whose name starts with {@code prefix}. */
    Map<String, Long> counters(String prefix) {
        Map<String, Long> sum = new HashMap<>();
        for (FeedTask task : cloud.feeds()) {
            if (task.name().startsWith(prefix)) {
                task.counters().forEach((k, v) -> sum.merge(k, v, Long::sum));
            }
        }
        return sum;
    }

    static long delta(Map<String, Long> before, Map<String, Long> after, String key) {
        return after.getOrDefault(key, 0L) - before.getOrDefault(key, 0L);
    }

    static void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }
}
