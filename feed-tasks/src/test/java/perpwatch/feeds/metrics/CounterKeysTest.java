package perpwatch.feeds.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CounterKeysTest {
    /** Every counter name the tasks counted as a string literal before the names were typed: health shows these. */
    private static final Set<String> NAMES_BEFORE = Set.of(
            "acks",
            "backfill_failures",
            "backfill_fetched",
            "backfill_pages",
            "backfill_rate_limited",
            "backfill_requests",
            "backfilled",
            "bad_rows",
            "bars",
            "buffer_overflows",
            "connects",
            "crossed_books",
            "disconnects",
            "dropped_before_snapshot",
            "duplicates",
            "empty_books",
            "errors",
            "failed_polls",
            "failed_settled_polls",
            "frames",
            "full_resyncs",
            "gaps",
            "groups_created",
            "incomplete_bars",
            "late_trades",
            "liquidations",
            "malformed",
            "missing_given_up",
            "missing_ids",
            "no_contract_value",
            "oi_one_sided_missing",
            "other_instrument",
            "other_symbol",
            "poll_bugs",
            "polls",
            "pongs",
            "prices",
            "pu_gaps",
            "published",
            "published_keepalive",
            "rate_limited",
            "redis_unavailable",
            "restore_malformed",
            "restore_waits",
            "resyncs",
            "retries",
            "revisions",
            "settled_prints",
            "snapshot_failures",
            "snapshot_rate_limited",
            "snapshot_requests",
            "snapshots",
            "snapshots_loaded",
            "stale_snapshots",
            "started",
            "subscribe_refused",
            "syncs",
            "too_old_trades",
            "trades",
            "unexpected_channel",
            "unhandled_events",
            "unrepresentable_levels",
            "unrequested_snapshots",
            "updates_applied",
            "venue_errors");

    @Test
    void theTypedKeysNameExactlyTheCountersOfBefore() {
        Set<String> typed = new TreeSet<>();
        Stream.of(
                        LinkCounter.values(),
                        FrameCounter.values(),
                        TradeCounter.values(),
                        BackfillCounter.values(),
                        BookCounter.values(),
                        PollCounter.values(),
                        LiquidationCounter.values(),
                        StoreCounter.values())
                .flatMap(Stream::of)
                .forEach(key -> typed.add(key.key()));
        assertEquals(new TreeSet<>(NAMES_BEFORE), typed);
    }

    @Test
    void countersAreReadByTheirNameAndKeysOfOneNameAddUp() {
        FeedCounters counters = new FeedCounters();
        counters.increment(LinkCounter.SUBSCRIBE_REFUSED);
        assertEquals(2, counters.incrementAndGet(LinkCounter.SUBSCRIBE_REFUSED));
        counters.increment(TradeCounter.PUBLISHED);
        counters.add(BookCounter.PUBLISHED, 2);
        assertEquals(2, counters.get("subscribe_refused"));
        assertEquals(3, counters.snapshot().get("published"));
        assertEquals(0, counters.get("never_counted"));
    }
}
