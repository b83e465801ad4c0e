package perpwatch.feeds.sequence;

/**
 * Watches a venue's increasing trade ids across reconnects: a repeated id is a duplicate to drop, a jump is a gap
 * whose size is counted. Gaps are not fatal; venues skip ids (Binance excludes insurance-fund and ADL fills).
 */
public final class TradeIdSequencer {
    public enum Verdict {
        FIRST,
        NEXT,
        GAP,
        DUPLICATE
    }

    private long last = -1;
    private long lastGapSize;
    private long duplicates;
    private long gaps;
    private long missingIds;

    /** Resume after the last id already written (restart), so replayed ids count as duplicates. */
    public void resumeAfter(long lastId) {
        last = lastId;
    }

    public Verdict check(long id) {
        if (last < 0) {
            last = id;
            return Verdict.FIRST;
        }
        if (id <= last) {
            duplicates++;
            return Verdict.DUPLICATE;
        }
        long missing = id - last - 1;
        last = id;
        if (missing == 0) {
            return Verdict.NEXT;
        }
        lastGapSize = missing;
        gaps++;
        missingIds += missing;
        return Verdict.GAP;
    }

    public long lastId() {
        return last;
    }

    /** Ids skipped by the most recent {@link Verdict#GAP}. */
    public long lastGapSize() {
        return lastGapSize;
    }

    public long duplicates() {
        return duplicates;
    }

    public long gaps() {
        return gaps;
    }

    public long missingIds() {
        return missingIds;
    }
}
