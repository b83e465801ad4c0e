package perpwatch.feeds.sequence;

import java.util.Iterator;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import perpwatch.core.calc.TradeCoverage;
import perpwatch.core.model.Bar;

/**
 * Which aggregate-trade ids a worker holds and which it knows it lacks, so a backfill can fetch them and a bar knows
 * whether it is complete. Ids follow venue time, so a gap between two trades lies between their times: that is how a
 * gap is pinned to the minutes it may belong to.
 *
 * <p>Two kinds of "lacking": a gap (ids between two trades held), and an unverified tail: after a reconnect or a
 * restart, ids after the last one held may have been published while we were away, and nothing says how many until
 * the stream delivers again or REST answers.
 *
 * <p>Not thread-safe: the worker's lock guards it.
 */
public final class TradeIdLedger implements TradeCoverage {
    public enum Verdict {
        FIRST,
        NEXT,
        GAP,
        DUPLICATE,
        FILLED
    }

    /**
     * Ids {@code from..to} (inclusive) are missing; they were traded between {@code notBeforeMs} and {@code
     * notAfterMs}.
     */
    public record IdGap(long from, long to, long notBeforeMs, long notAfterMs) {
        long size() {
            return to - from + 1;
        }

        boolean mayFallIn(long minuteOpen) {
            return notBeforeMs < minuteOpen + Bar.MINUTE_MS && notAfterMs >= minuteOpen;
        }
    }

    private final TreeMap<Long, IdGap> gaps = new TreeMap<>();
    private long last = -1;
    private long lastTime = Long.MIN_VALUE;
    private boolean unverifiedTail;
    /** Between a disconnect and the next connection: REST answering "nothing more" proves nothing yet. */
    private boolean streamDown;

    private long lastGapSize;

    /** Restart: {@code lastId} is written, traded no earlier than {@code sinceMs}; what came after is not yet known. */
    public void resumeAfter(long lastId, long sinceMs) {
        last = lastId;
        lastTime = sinceMs;
        unverifiedTail = true;
    }

    /** The stream was interrupted: ids after the last one held may have gone by. */
    public void interrupted() {
        streamDown = true;
        if (last >= 0) {
            unverifiedTail = true;
        }
    }

    /** A new connection is up: from now on the stream delivers, so REST can close the tail. */
    public void reconnected() {
        streamDown = false;
    }

    /**
     * One trade, from the stream ({@code live}) or from REST. A live trade ends the unverified tail: whatever lies
     * between it and the last id held becomes a gap of known size.
     */
    public Verdict observe(long id, long tradeTime, boolean live) {
        if (last < 0) {
            last = id;
            lastTime = tradeTime;
            return Verdict.FIRST;
        }
        if (id <= last) {
            return fill(id) ? Verdict.FILLED : Verdict.DUPLICATE;
        }
        long missing = id - last - 1;
        if (missing > 0) {
            gaps.put(last + 1, new IdGap(last + 1, id - 1, lastTime, tradeTime));
            lastGapSize = missing;
        }
        last = id;
        lastTime = tradeTime;
        if (live) {
            unverifiedTail = false;
            streamDown = false;
        }
        return missing > 0 ? Verdict.GAP : Verdict.NEXT;
    }

    private boolean fill(long id) {
        Map.Entry<Long, IdGap> e = gaps.floorEntry(id);
        if (e == null || e.getValue().to() < id) {
            return false;
        }
        IdGap g = gaps.remove(e.getKey());
        if (g.from() < id) {
            gaps.put(g.from(), new IdGap(g.from(), id - 1, g.notBeforeMs(), g.notAfterMs()));
        }
        if (id < g.to()) {
            gaps.put(id + 1, new IdGap(id + 1, g.to(), g.notBeforeMs(), g.notAfterMs()));
        }
        return true;
    }

    /**
     * REST answered {@code fromId=from} with every id it has from {@code from} up to {@code lastReturned} (Binance's
     * {@code fromId} is inclusive and pages are contiguous), after {@link #observe} was called for each. Ids in that
     * range still marked missing do not exist at the venue. Ids after {@code lastReturned} are not settled, even by a
     * short page: a gap past it was opened by a live trade that came in after REST answered (the page is applied
     * later, under the lock), so its ids were published after the answer and REST simply had not seen them yet; they
     * stay missing and the next page fetches them. {@code exhausted}: the page was short, so the venue had nothing
     * after it when it answered, and the unverified tail is verified (unless the stream is still down: what trades
     * until it is back is not yet known).
     */
    public void settled(long from, long lastReturned, boolean exhausted) {
        long upTo = lastReturned;
        Iterator<IdGap> it = gaps.tailMap(gaps.floorKey(from) == null ? from : gaps.floorKey(from), true)
                .values()
                .iterator();
        Map<Long, IdGap> keep = new TreeMap<>();
        while (it.hasNext()) {
            IdGap g = it.next();
            if (g.from() > upTo) {
                break;
            }
            if (g.to() < from) {
                continue;
            }
            it.remove();
            if (g.from() < from) {
                keep.put(g.from(), new IdGap(g.from(), from - 1, g.notBeforeMs(), g.notAfterMs()));
            }
            if (g.to() > upTo) {
                keep.put(upTo + 1, new IdGap(upTo + 1, g.to(), g.notBeforeMs(), g.notAfterMs()));
            }
        }
        gaps.putAll(keep);
        if (exhausted && !streamDown) {
            unverifiedTail = false;
        }
    }

    /** Gaps whose trades are all older than {@code ms} are given up: no bar that could take them is held any more. */
    public long forgetBefore(long ms) {
        long dropped = 0;
        Iterator<IdGap> it = gaps.values().iterator();
        while (it.hasNext()) {
            IdGap g = it.next();
            if (g.notAfterMs() < ms) {
                dropped += g.size();
                it.remove();
            }
        }
        return dropped;
    }

    /** The first id to ask REST for, if anything is missing or unverified. */
    public OptionalLong nextFetchFrom() {
        if (!gaps.isEmpty()) {
            return OptionalLong.of(gaps.firstKey());
        }
        return unverifiedTail && last >= 0 ? OptionalLong.of(last + 1) : OptionalLong.empty();
    }

    @Override
    public Coverage of(long minuteOpenTime) {
        long missing = 0;
        boolean complete = true;
        for (IdGap g : gaps.values()) {
            if (g.mayFallIn(minuteOpenTime)) {
                missing += g.size();
                complete = false;
            }
        }
        if (unverifiedTail && lastTime < minuteOpenTime + Bar.MINUTE_MS) {
            complete = false;
        }
        return complete ? Coverage.FULL : new Coverage(false, missing);
    }

    public long lastId() {
        return last;
    }

    public boolean unverifiedTail() {
        return unverifiedTail;
    }

    /** Ids missing now (gaps only; the unverified tail has no size). */
    public long missingIds() {
        return gaps.values().stream().mapToLong(IdGap::size).sum();
    }

    /** Ids skipped by the most recent {@link Verdict#GAP}. */
    public long lastGapSize() {
        return lastGapSize;
    }
}
