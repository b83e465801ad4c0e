package perpwatch.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import perpwatch.bench.NearestRank;
import perpwatch.bench.load.OpenLoopHttpDriver;
import perpwatch.core.stream.StreamEntry;
import perpwatch.core.stream.StreamKeys;

/**
 * Scenario 7: how long a venue event takes to show in the guards, while the guards are asked 1,000 times a second.
 *
 * <p>The synthetic market runs with a little mixed load on top (so liquidations arrive on all three venues a few
 * times a second) while {@link OpenLoopHttpDriver} asks {@code GET /api/engine/guards} at a constant 1,000 req/s on
 * keep-alive sockets and keeps every answer. Afterwards, for each event:
 * <ul>
 * <li><b>Liquidation</b> (ground truth: the liquidations stream read back from Redis, every entry's venue event time
 * {@code ts}, venue and id). An answer computed at server time T counted, per venue, the entries of that venue with
 * ts in [T − 5 min, T + clock-skew allowance] among those Redis held when it read (a prefix of the stream by id). So
 * the answer includes event e exactly when e's ts is in its window and e's rank among its venue's in-window entries
 * by id is at most that venue's count in the answer. Lag = receive time of the first answer that includes it − ts.
 * <li><b>Top-of-book change</b> (ground truth: every depth diff the simulator sends, with its best bid and ask after
 * it). A book entry carries the transaction time of the last diff it applied (the simulator stamps E − 2), and an
 * answer's {@code ts − ages_ms.spread_bps} is that time; the answer reflects every diff up to it. Lag = receive time
 * of the first answer that reflects the diff − its event time E. As a check of that reading, each answer's
 * {@code spread_bps} is compared with the spread the simulator's book had at that diff.
 * </ul>
 * Both are split at the moment Redis made the entry visible (its id). Also counted: answers sent after one that
 * included an event which did not include it (a cache serving an older answer): must be 0.
 *
 * <p>The poller runs in this JVM (the answers' bodies are needed); the answer latency itself is measured by
 * {@code GuardsLoadBenchmark} from its own process.
 */
final class FreshnessScenario implements Scenario {
    static final int POLL_RATE = 1_000;
    static final int CONNECTIONS = 16;
    /** Mixed venue messages a second on top of the market's own flow: a tenth are liquidations (5/s). */
    static final int LOAD = 50;

    static final long TARGET_P99_MS = 250;
    static final long WINDOW_MS = 300_000;
    /** {@code PERPWATCH_GUARD_CLOCK_SKEW_MAX}'s default: the count's window reaches this far past the answer's ts. */
    static final long SKEW_MS = 2_000;

    @Override
    public String title() {
        return "7. Freshness";
    }

    record Answer(
            long dueMs,
            long latencyMicros,
            long sentMs,
            long recvMs,
            long ts,
            long seq,
            int[] counts,
            long bookTs,
            Double spread) {}

    record Diff(long eventTime, BigDecimal bid, BigDecimal ask) {}

    private static final List<String> VENUES = StreamKeys.LIQUIDATION_VENUES;

    @Override
    public Result run(HarnessContext ctx) throws Exception {
        long seconds = ctx.scaled(60_000) / 1_000;
        ObjectMapper json = new ObjectMapper();
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Diff> diffs = new ConcurrentLinkedQueue<>();
        AtomicLong unreadable = new AtomicLong();
        long wallNanosOffset = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
        OpenLoopHttpDriver.Sink sink = (index, due, sent, done, status, body) -> {
            if (status != 200) {
                return;
            }
            try {
                answers.add(parse(
                        json.readTree(body),
                        (due + wallNanosOffset) / 1_000_000L,
                        (done - due) / 1_000,
                        (sent + wallNanosOffset) / 1_000_000L,
                        (done + wallNanosOffset) / 1_000_000L));
            } catch (IOException | RuntimeException e) {
                unreadable.incrementAndGet();
            }
        };
        ctx.market().onBookDiff((eventTime, bid, ask) -> diffs.add(new Diff(eventTime, bid, ask)));
        ctx.market().load(LOAD);
        ResourceSampler sampler = new ResourceSampler();
        long pollStart = System.currentTimeMillis();
        // Events of [from, to) are measured; 3 s of polling before (warm) and 7 s after (late answers).
        long from = (pollStart + 3_000) / 1_000 * 1_000 + 1_000;
        long to = from + seconds * 1_000;
        OpenLoopHttpDriver.Result poll;
        try {
            poll = new OpenLoopHttpDriver(
                            URI.create(ctx.cloud().apiUrl().replace("localhost", "127.0.0.1") + "/api/engine/guards"),
                            CONNECTIONS,
                            Duration.ofSeconds(5))
                    .run(POLL_RATE, Duration.ofSeconds(seconds + 11), sink);
        } finally {
            ctx.market().load(0);
            ctx.market().onBookDiff(null);
        }
        long pollEnd = System.currentTimeMillis();
        ResourceSampler.Usage usage = sampler.stop();

        List<Answer> byRecv = new ArrayList<>(answers);
        byRecv.sort(Comparator.comparingLong(Answer::recvMs));
        List<StreamEntry> liquidations =
                ctx.entries(ctx.liquidations(), pollStart - WINDOW_MS - 60_000, pollEnd + 5_000);
        List<StreamEntry> book = ctx.entries(StreamKeys.book(ctx.instrument()), pollStart - 10_000, pollEnd + 5_000);
        long sent = ctx.market().sent().liquidationsBetween(from, to);

        Liq liq = liquidations(byRecv, liquidations, from, to);
        Book bk = book(byRecv, new ArrayList<>(diffs), book, from, to);

        StringBuilder md = new StringBuilder();
        md.append("The guards asked at ")
                .append(String.format("%,d", POLL_RATE))
                .append(" req/s, open loop, on ")
                .append(CONNECTIONS)
                .append(" keep-alive connections (`OpenLoopHttpDriver`, in this JVM) for ")
                .append(seconds + 11)
                .append(" s, under the synthetic market plus ")
                .append(LOAD)
                .append(" mixed msgs/s (5 liquidations/s across Binance, OKX, Bybit). ")
                .append("Events with a venue time in the middle ")
                .append(seconds)
                .append(" s are measured. Lag = receive time of the first answer ")
                .append("that reflects the event − the event's venue time; split at the Redis entry id (when Redis "
                        + "made it visible). ")
                .append("A liquidation is in an answer when that answer's per-venue `liq_events_5m_by_venue` count "
                        + "includes it (rank among ")
                .append("the venue's in-window entries by id); a top-of-book change when the answer's book (`ts − "
                        + "ages_ms.spread_bps`, ")
                .append("the last diff's transaction time) is at or past the diff.\n\n")
                .append("| event | lag | p50 ms | p99 ms | max ms | events |\n|---|---|---|---|---|---|\n");
        md.append("| liquidation | venue → first answer | ")
                .append(liq.total.cells())
                .append(" |\n");
        md.append("|  | ↳ venue → Redis | ").append(liq.toRedis.cells()).append(" |\n");
        md.append("|  | ↳ Redis → first answer | ").append(liq.toAnswer.cells()).append(" |\n");
        for (int v = 0; v < VENUES.size(); v++) {
            md.append("|  | ↳ ")
                    .append(VENUES.get(v))
                    .append(" | ")
                    .append(liq.byVenue[v].cells())
                    .append(" |\n");
        }
        md.append("| top-of-book change | venue → first answer | ")
                .append(bk.total.cells())
                .append(" |\n");
        md.append("|  | ↳ venue → Redis (incl. the ≤ 10/s publish throttle) | ")
                .append(bk.toRedis.cells())
                .append(" |\n");
        md.append("|  | ↳ Redis → first answer | ").append(bk.toAnswer.cells()).append(" |\n\n");

        md.append("| count | liquidations | top-of-book changes |\n|---|---|---|\n");
        md.append(String.format("| sent by the simulators | %,d | %,d (of %,d diffs) |%n", sent, bk.changes, bk.diffs));
        md.append(String.format("| in Redis | %,d | %,d book entries in the window |%n", liq.inRedis, bk.entries));
        md.append(String.format("| seen in an answer | %,d | %,d |%n", liq.total.count(), bk.total.count()));
        md.append(String.format("| never seen | %,d | %,d |%n", liq.neverSeen, bk.neverSeen));
        md.append(String.format(
                "| not judged | %,d (venue count unknown in every answer after it) | %,d (another diff in the same "
                        + "ms) |%n",
                liq.unjudged, bk.ambiguous));
        md.append(String.format(
                "| answers sent after the first that showed it, without it | %,d | %,d |%n",
                liq.regressions, bk.regressions));
        // How densely answers kept coming in the measured window: a driver behind its schedule still polls back to
        // back.
        long gap = 0;
        long inWindow = 0;
        for (int i = 1; i < byRecv.size(); i++) {
            long at = byRecv.get(i).recvMs();
            if (at >= from && at < to) {
                inWindow++;
                gap = Math.max(gap, at - byRecv.get(i - 1).recvMs());
            }
        }
        long[] measured = byRecv.stream()
                .filter(a -> a.dueMs() >= from && a.dueMs() < to)
                .mapToLong(Answer::latencyMicros)
                .sorted()
                .toArray();
        md.append(String.format(
                "%nPoller: %,d answers (%,d parsed), %.0f req/s achieved, %d failed; latency from due time (in this "
                        + "JVM; "
                        + "`guards-load.md` has the answer latency from a separate process) over the measured %d s "
                        + "p50 %.2f / p99 %.2f / max %.1f ms, "
                        + "over the whole poll (from a cold start) p99 %.1f / max %.1f ms; answers received in the "
                        + "measured window %,d (%.0f/s), "
                        + "longest gap between two answers %d ms. Distinct answers computed (seq): %,d. "
                        + "`spread_bps` of answers whose book entry ends with a known diff matched the simulator's "
                        + "spread at that diff in %,d of %,d. "
                        + "Harness JVM CPU %.0f %% of a core, machine %.0f %% of 200 %%, %d GCs (longest %d ms).%n",
                poll.latency().count(),
                byRecv.size(),
                poll.achievedRate(),
                poll.failed(),
                seconds,
                measured.length == 0 ? 0 : NearestRank.of(measured, 0.50) / 1000.0,
                measured.length == 0 ? 0 : NearestRank.of(measured, 0.99) / 1000.0,
                measured.length == 0 ? 0 : measured[measured.length - 1] / 1000.0,
                poll.latency().p99() / 1000.0,
                poll.latency().max() / 1000.0,
                inWindow,
                inWindow * 1000.0 / (to - from),
                gap,
                byRecv.stream().mapToLong(Answer::seq).distinct().count(),
                bk.spreadMatched,
                bk.spreadChecked,
                usage.processCpuPercent(),
                usage.machineCpuPercent(),
                usage.gcPauses(),
                usage.longestPauseMs()));
        List<String> notes = new ArrayList<>();
        if (liq.total.p99() > TARGET_P99_MS) {
            notes.add("liquidation lag p99 " + liq.total.p99() + " ms: the ≤ " + TARGET_P99_MS
                    + " ms target is **not met**");
        }
        if (bk.total.p99() > TARGET_P99_MS) {
            notes.add("top-of-book lag p99 " + bk.total.p99() + " ms: the ≤ " + TARGET_P99_MS
                    + " ms target is **not met**");
        }
        boolean passed = liq.neverSeen == 0
                && liq.regressions == 0
                && bk.regressions == 0
                && liq.inRedis == sent
                && unreadable.get() == 0;
        if (!passed) {
            notes.add(String.format(
                    "failed: %d liquidations never seen, %d + %d stale answers after an event was shown, %d of %d "
                            + "sent in Redis, %d unreadable answers",
                    liq.neverSeen, liq.regressions, bk.regressions, liq.inRedis, sent, unreadable.get()));
        }
        notes.forEach(n -> md.append("\n- ").append(n));
        md.append('\n');
        return new Result(title(), passed, md.toString());
    }

    private static Answer parse(JsonNode a, long dueMs, long latencyMicros, long sentMs, long recvMs) {
        long ts = a.path("ts").asLong();
        int[] counts = new int[VENUES.size()];
        JsonNode byVenue = a.path("liq_events_5m_by_venue");
        for (int v = 0; v < counts.length; v++) {
            JsonNode c = byVenue.path(VENUES.get(v)).path("count");
            // Unknown (venue silent, or the whole count unknown): this answer says nothing about the venue.
            counts[v] = c.isNumber() && a.path("liq_events_5m").isNumber() ? c.asInt() : -1;
        }
        JsonNode age = a.path("ages_ms").path("spread_bps");
        JsonNode spread = a.path("spread_bps");
        return new Answer(
                dueMs,
                latencyMicros,
                sentMs,
                recvMs,
                ts,
                a.path("seq").asLong(),
                counts,
                age.isNumber() ? ts - age.asLong() : Long.MIN_VALUE,
                spread.isNumber() ? spread.asDouble() : null);
    }

    private record Liq(
            Percentiles total,
            Percentiles toRedis,
            Percentiles toAnswer,
            Percentiles[] byVenue,
            long inRedis,
            long neverSeen,
            long unjudged,
            long regressions) {}

    private static Liq liquidations(List<Answer> answers, List<StreamEntry> entries, long from, long to) {
        long[] recv = answers.stream().mapToLong(Answer::recvMs).toArray();
        List<Long> total = new ArrayList<>();
        List<Long> toRedis = new ArrayList<>();
        List<Long> toAnswer = new ArrayList<>();
        List<List<Long>> byVenue = new ArrayList<>();
        long inRedis = 0;
        long neverSeen = 0;
        long unjudged = 0;
        long regressions = 0;
        for (int v = 0; v < VENUES.size(); v++) {
            byVenue.add(new ArrayList<>());
            String venue = VENUES.get(v);
            // This venue's entries in id order (the order Redis made them visible).
            List<StreamEntry> mine =
                    entries.stream().filter(e -> venue.equals(e.field("venue"))).toList();
            long[] ts = mine.stream().mapToLong(HarnessContext::ts).toArray();
            for (int i = 0; i < mine.size(); i++) {
                long t = ts[i];
                if (t < from || t >= to) {
                    continue;
                }
                inRedis++;
                long[] prefix = Arrays.copyOf(ts, i + 1);
                Arrays.sort(prefix);
                int k = lowerBound(recv, t);
                Answer first = null;
                boolean judged = false;
                for (; k < answers.size(); k++) {
                    Answer a = answers.get(k);
                    int c = a.counts()[v];
                    if (c < 0 || t < a.ts() - WINDOW_MS || t > a.ts() + SKEW_MS) {
                        continue;
                    }
                    judged = true;
                    if (rank(prefix, a.ts()) <= c) {
                        first = a;
                        break;
                    }
                }
                if (first == null) {
                    if (judged) {
                        neverSeen++;
                    } else {
                        unjudged++;
                    }
                    continue;
                }
                long idMs = mine.get(i).idTimeMs();
                total.add(first.recvMs() - t);
                toRedis.add(idMs - t);
                toAnswer.add(first.recvMs() - idMs);
                byVenue.get(v).add(first.recvMs() - t);
                // Every answer sent after that one was received must include it too (while it is in the window).
                for (int j = k + 1; j < answers.size(); j++) {
                    Answer a = answers.get(j);
                    int c = a.counts()[v];
                    if (a.sentMs() <= first.recvMs() || c < 0 || t < a.ts() - WINDOW_MS || t > a.ts() + SKEW_MS) {
                        continue;
                    }
                    if (rank(prefix, a.ts()) > c) {
                        regressions++;
                    }
                }
            }
        }
        Percentiles[] venues = byVenue.stream().map(FreshnessScenario::of).toArray(Percentiles[]::new);
        return new Liq(of(total), of(toRedis), of(toAnswer), venues, inRedis, neverSeen, unjudged, regressions);
    }

    /** How many of the (sorted) entries up to and including this event are in the window of an answer at {@code ts}. */
    private static int rank(long[] sortedPrefix, long answerTs) {
        return lowerBound(sortedPrefix, answerTs + SKEW_MS + 1) - lowerBound(sortedPrefix, answerTs - WINDOW_MS);
    }

    private record Book(
            Percentiles total,
            Percentiles toRedis,
            Percentiles toAnswer,
            long diffs,
            long changes,
            long entries,
            long neverSeen,
            long ambiguous,
            long regressions,
            long spreadChecked,
            long spreadMatched) {}

    private static Book book(List<Answer> answers, List<Diff> diffs, List<StreamEntry> entries, long from, long to) {
        long[] recv = answers.stream().mapToLong(Answer::recvMs).toArray();
        List<Long> total = new ArrayList<>();
        List<Long> toRedis = new ArrayList<>();
        List<Long> toAnswer = new ArrayList<>();
        long changes = 0;
        long neverSeen = 0;
        long ambiguous = 0;
        long regressions = 0;
        long inWindow = 0;
        long[] entryTs = entries.stream().mapToLong(HarnessContext::ts).toArray();
        for (int d = 1; d < diffs.size(); d++) {
            Diff diff = diffs.get(d);
            Diff before = diffs.get(d - 1);
            long e = diff.eventTime();
            if (e < from || e >= to) {
                continue;
            }
            inWindow++;
            if (diff.bid() == null
                    || diff.ask() == null
                    || (diff.bid().equals(before.bid()) && diff.ask().equals(before.ask()))) {
                continue;
            }
            changes++;
            if (before.eventTime() == e) {
                // The entry's marker is per millisecond: an earlier diff of the same ms would pass for this one.
                ambiguous++;
                continue;
            }
            long marker = e - 2;
            Answer first = null;
            int k = lowerBound(recv, e);
            for (; k < answers.size(); k++) {
                if (answers.get(k).bookTs() >= marker) {
                    first = answers.get(k);
                    break;
                }
            }
            if (first == null) {
                neverSeen++;
                continue;
            }
            total.add(first.recvMs() - e);
            // The first book entry, in id order, that had applied this diff.
            for (int i = 0; i < entries.size(); i++) {
                if (entryTs[i] >= marker) {
                    long idMs = entries.get(i).idTimeMs();
                    toRedis.add(idMs - e);
                    toAnswer.add(first.recvMs() - idMs);
                    break;
                }
            }
            for (int j = k + 1; j < answers.size(); j++) {
                Answer a = answers.get(j);
                if (a.sentMs() > first.recvMs() && a.bookTs() != Long.MIN_VALUE && a.bookTs() < marker) {
                    regressions++;
                }
            }
        }
        // The check of the reading: an answer whose book ends with diff d (its marker is d's transaction time, and d
        // was
        // the last diff of that ms) must show the spread the simulator's book had after d.
        Map<Long, Diff> lastOfMs = new HashMap<>();
        diffs.forEach(d -> lastOfMs.put(d.eventTime() - 2, d));
        long checked = 0;
        long matched = 0;
        for (Answer a : answers) {
            Diff d = lastOfMs.get(a.bookTs());
            if (d == null || a.spread() == null || d.bid() == null || d.ask() == null) {
                continue;
            }
            checked++;
            double bid = d.bid().doubleValue();
            double ask = d.ask().doubleValue();
            double spread = (ask - bid) / ((ask + bid) / 2) * 10_000;
            if (Math.abs(spread - a.spread()) < 0.01) {
                matched++;
            }
        }
        return new Book(
                of(total),
                of(toRedis),
                of(toAnswer),
                inWindow,
                changes,
                entries.stream()
                        .filter(x -> HarnessContext.ts(x) >= from && HarnessContext.ts(x) < to)
                        .count(),
                neverSeen,
                ambiguous,
                regressions,
                checked,
                matched);
    }

    private static int lowerBound(long[] sorted, long key) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static Percentiles of(List<Long> values) {
        return Percentiles.of(values.stream().mapToLong(Long::longValue).toArray());
    }
}
