package perpwatch.core.calc;

/**
 * What a feed knows about aggregate-trade ids that may belong to a minute but are not in hand (a reconnect, an id
 * gap, a restart): the aggregator holds a bar while its coverage is incomplete, and records it when it cannot wait.
 */
@FunctionalInterface
public interface TradeCoverage {
    /** Every id is accounted for (a feed with no gap tracking, tests). */
    TradeCoverage COMPLETE = minute -> Coverage.FULL;

    Coverage of(long minuteOpenTime);

    /**
     * @param complete      no id that may fall in the minute is missing
     * @param missingTrades ids known to be missing that may fall in the minute (an upper bound when a gap spans
     *                      minutes; 0 with {@code complete=false} when the count is unknown)
     */
    record Coverage(boolean complete, long missingTrades) {
        public static final Coverage FULL = new Coverage(true, 0);
    }
}
