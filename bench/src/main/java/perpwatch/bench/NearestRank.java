package perpwatch.bench;

/** Percentiles by nearest rank, the one definition every bench report uses. */
public final class NearestRank {
    private NearestRank() {}

    /** The value at quantile {@code q} (0 < q ≤ 1) of an ascending array: the ⌈q·n⌉-th smallest. */
    public static long of(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
