package perpwatch.core.calc;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import perpwatch.core.model.Bar;
import perpwatch.core.model.Trade;

/**
 * Folds trades into one-minute bars by venue trade time, in any arrival order.
 *
 * <p>A minute's bar is published when a trade of a later minute has arrived and every aggregate-trade id that may
 * belong to it is in hand ({@link TradeCoverage}), or at the latest when the wall clock passes the end of the minute
 * plus the close silence (a quiet market, or a gap that REST could not fill: then the bar says
 * {@code complete=false}). Bars are published in minute order.
 *
 * <p>A trade that arrives for a published minute (a venue delivery lag, a backfill that succeeded late) is not
 * dropped: the minute is re-published with {@code revision} n+1, and so is every later published minute, each with
 * its corrected cumulative CVD. So for a reader that takes the highest revision of each minute, a bar's CVD is
 * Σ buy − Σ sell over every trade up to its minute, and the newest stream entry is always the newest minute (a
 * revision never leaves an old minute last). Minutes stay revisable for {@code retainedMinutes} after the newest one
 * seen; a trade older than that is counted ({@link #tooOld()}), never added silently to the wrong place.
 *
 * <p>CVD runs across bars and can be restored from the last bar written, so it survives a restart.
 *
 * <p>Not thread-safe: one worker owns one aggregator.
 */
public final class MinuteBarAggregator {
    public static final int DEFAULT_RETAINED_MINUTES = 60;

    /** What became of a trade. */
    public enum Accepted {
        /** Added to a minute not yet published. */
        OPEN_MINUTE,
        /** Added to a published minute: it will be re-published with a higher revision. */
        REVISES_PUBLISHED,
        /** For a minute no longer held: counted, not added. */
        TOO_OLD
    }

    private final long closeSilenceMs;
    private final long retainedMs;

    /** CVD of everything before the first held minute. */
    private BigDecimal cvdBase = BigDecimal.ZERO;

    private final TreeMap<Long, MinuteTally> minutes = new TreeMap<>();
    /** Published minutes that may owe a revision: a trade was added, or they were published incomplete. */
    private final TreeSet<Long> recheck = new TreeSet<>();

    /**
     * The minute the last trade went to. Trades arrive in runs within one minute, so nearly every trade finds its
     * tally here instead of by a boxed key and a tree walk (the profile: a TreeMap lookup per trade). Cleared when its
     * minute is dropped.
     */
    private MinuteTally lastTally;

    /**
     * The first minute after {@code publishedThrough} (null: none), which {@link #due} checks on every call. Valid
     * while {@code firstOpenKnown}: a minute added or dropped, or {@code publishedThrough} moving, makes it unknown.
     */
    private MinuteTally firstOpen;

    private boolean firstOpenKnown;

    private long publishedThrough = Long.MIN_VALUE;
    private long forgottenThrough = Long.MIN_VALUE;
    private long newestMinute = Long.MIN_VALUE;
    private long tooOld;
    private long revisions;

    public MinuteBarAggregator(long closeSilenceMs) {
        this(closeSilenceMs, DEFAULT_RETAINED_MINUTES);
    }

    public MinuteBarAggregator(long closeSilenceMs, int retainedMinutes) {
        if (closeSilenceMs < 0 || retainedMinutes < 1) {
            throw new IllegalArgumentException("closeSilenceMs must be >= 0 and retainedMinutes >= 1");
        }
        this.closeSilenceMs = closeSilenceMs;
        this.retainedMs = retainedMinutes * Bar.MINUTE_MS;
    }

    /** Continue from the last bar already written: its CVD is the base, and its minute can still be revised. */
    public void restore(Bar lastWritten) {
        if (!minutes.isEmpty()) {
            throw new IllegalStateException("restore before the first trade");
        }
        MinuteTally tally = MinuteTally.of(lastWritten);
        minutes.put(tally.openTime, tally);
        firstOpenKnown = false;
        cvdBase = lastWritten.cvd().subtract(tally.delta());
        publishedThrough = tally.openTime;
        newestMinute = tally.openTime;
        if (!lastWritten.complete()) {
            recheck.add(tally.openTime);
        }
    }

    public Accepted accept(Trade trade) {
        long minute = minuteOf(trade.tradeTime());
        if (minute <= forgottenThrough) {
            tooOld++;
            return Accepted.TOO_OLD;
        }
        MinuteTally tally = lastTally;
        if (tally == null || tally.openTime != minute) {
            tally = minutes.get(minute);
            if (tally == null) {
                tally = new MinuteTally(minute);
                minutes.put(minute, tally);
                firstOpenKnown = false;
            }
            lastTally = tally;
        }
        tally.add(trade);
        newestMinute = Math.max(newestMinute, minute);
        if (tally.published != null || minute < publishedThrough) {
            // A published minute, or a quiet minute that got its first trade after later minutes were published.
            recheck.add(minute);
            return Accepted.REVISES_PUBLISHED;
        }
        return Accepted.OPEN_MINUTE;
    }

    /** Bars to publish now, oldest minute first: minutes that closed, then revisions. */
    public List<Bar> due(long nowMs, TradeCoverage coverage) {
        if (recheck.isEmpty() && !firstOpenMinuteDue(nowMs, coverage)) {
            return List.of();
        }
        // Past this point minutes may be published or dropped: what comes first after them is found again.
        firstOpenKnown = false;
        List<Bar> out = new ArrayList<>(2);
        BigDecimal cvd = cvdBase;
        // Once a minute is re-published, every later published minute follows (its CVD moved, and the newest entry
        // of the stream must stay the newest minute).
        boolean cascade = false;
        for (MinuteTally t : minutes.values()) {
            cvd = cvd.add(t.delta());
            if (t.published == null && t.openTime > publishedThrough) {
                if (!isDue(t, nowMs, coverage)) {
                    break; // later minutes wait for this one: bars go out in minute order
                }
                publish(t, t.build(cvd, coverage.of(t.openTime), nowMs, 0), out);
                publishedThrough = t.openTime;
            } else if (cascade || recheck.contains(t.openTime)) {
                int revision = t.published == null ? 0 : t.published.revision() + 1;
                Bar bar = t.build(cvd, coverage.of(t.openTime), nowMs, revision);
                t.dirty = false;
                if (cascade || !bar.sameContentAs(t.published)) {
                    if (t.published != null) {
                        revisions++;
                    }
                    publish(t, bar, out);
                    cascade = true;
                }
                if (bar.complete()) {
                    recheck.remove(t.openTime);
                }
            }
        }
        forgetOldMinutes();
        return out;
    }

    private void publish(MinuteTally t, Bar bar, List<Bar> out) {
        t.published = bar;
        out.add(bar);
        if (!bar.complete()) {
            recheck.add(t.openTime);
        }
    }

    private boolean firstOpenMinuteDue(long nowMs, TradeCoverage coverage) {
        if (!firstOpenKnown) {
            Map.Entry<Long, MinuteTally> first = minutes.higherEntry(publishedThrough);
            firstOpen = first == null ? null : first.getValue();
            firstOpenKnown = true;
        }
        return firstOpen != null && isDue(firstOpen, nowMs, coverage);
    }

    private boolean isDue(MinuteTally t, long nowMs, TradeCoverage coverage) {
        if (nowMs >= t.openTime + Bar.MINUTE_MS + closeSilenceMs) {
            return true;
        }
        return newestMinute > t.openTime && coverage.of(t.openTime).complete();
    }

    /** Published minutes older than the retention fold into the CVD base. */
    private void forgetOldMinutes() {
        Iterator<MinuteTally> it = minutes.values().iterator();
        while (it.hasNext()) {
            MinuteTally t = it.next();
            if (t.published == null || t.openTime > newestMinute - retainedMs || t.openTime > publishedThrough) {
                return;
            }
            cvdBase = cvdBase.add(t.delta());
            forgottenThrough = t.openTime;
            recheck.remove(t.openTime);
            it.remove();
            if (t == lastTally) {
                lastTally = null;
            }
        }
    }

    /** Trades for minutes no longer held (older than the retention). */
    public long tooOld() {
        return tooOld;
    }

    /** Re-publications of minutes already published. */
    public long revisions() {
        return revisions;
    }

    /** CVD including every trade held, published or not. */
    public BigDecimal cvd() {
        BigDecimal cvd = cvdBase;
        for (MinuteTally t : minutes.values()) {
            cvd = cvd.add(t.delta());
        }
        return cvd;
    }

    /** Whether a minute holds trades that are not yet in a published bar. */
    public boolean hasBarInProgress() {
        return minutes.higherKey(publishedThrough) != null;
    }

    private static long minuteOf(long epochMs) {
        return Math.floorDiv(epochMs, Bar.MINUTE_MS) * Bar.MINUTE_MS;
    }
}
