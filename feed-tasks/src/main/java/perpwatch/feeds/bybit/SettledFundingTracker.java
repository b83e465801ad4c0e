package perpwatch.feeds.bybit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import perpwatch.core.model.SettledFundingCodec;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamEntry;
import perpwatch.core.stream.StreamKey;

/**
 * When to ask Bybit for settled funding prints, and which of its answer are new. Asked at start-up, then once the
 * settlement the ticker announced ({@code nextFundingTime}) has passed, and again each poll until Bybit lists a
 * print for it (it publishes a little after the hour): one extra call per settlement, far under Bybit's limits.
 *
 * <p>A print is new when its {@code fundingRateTimestamp} is after the newest one on the stream: the stream holds
 * one entry per settlement time, across restarts (the newest is read back from Redis before the first write). Until
 * that read succeeds nothing is written, so a Redis outage at start-up cannot cause duplicates.
 */
final class SettledFundingTracker {
    /** A first fetch fills the stream back as far as Bybit answers in one call (200 prints: 66 days at 8 h). */
    static final int BACKFILL_LIMIT = 200;
    /** Later fetches need only the newest few; more than one covers a missed settlement or two. */
    static final int FOLLOW_LIMIT = 10;

    private final StreamKey key;
    private Long newestStored;
    private long awaited;

    SettledFundingTracker(StreamKey key) {
        this.key = key;
    }

    /** True when a fetch is due at {@code nowMs}. */
    boolean due(long nowMs) {
        return newestStored == null || awaited == 0 || nowMs >= awaited;
    }

    /** How many rows to ask for. */
    int limit() {
        return newestStored == null || newestStored == 0 ? BACKFILL_LIMIT : FOLLOW_LIMIT;
    }

    /**
     * Reads the newest stored settlement time once. Throws {@link perpwatch.core.redis.StoreUnavailableException}
     * while Redis cannot answer: the caller then skips the settled prints this poll.
     */
    void loadStored(RedisStreams redis) {
        if (newestStored == null) {
            Optional<StreamEntry> last = redis.last(key);
            newestStored = last.map(
                            e -> SettledFundingCodec.INSTANCE.decode(e.fields()).ts())
                    .orElse(0L);
        }
    }

    /**
     * The prints of a fetch (oldest first) that are new, and the bookkeeping for them.
     *
     * @param nextFundingTime the ticker's next settlement: awaited once the fetched prints reach the awaited one
     */
    List<BybitMarketRestClient.SettledRate> accept(
            List<BybitMarketRestClient.SettledRate> fetched, long nextFundingTime) {
        List<BybitMarketRestClient.SettledRate> fresh = new ArrayList<>();
        long newest = newestStored;
        for (BybitMarketRestClient.SettledRate rate : fetched) {
            if (rate.timestamp() > newest) {
                fresh.add(rate);
                newest = rate.timestamp();
            }
        }
        newestStored = newest;
        // The awaited settlement is listed (or nothing was awaited yet): wait for the next one. Otherwise Bybit has
        // not published it yet and the next poll asks again.
        if (awaited == 0 || newest >= awaited) {
            awaited = nextFundingTime;
        }
        return fresh;
    }
}
