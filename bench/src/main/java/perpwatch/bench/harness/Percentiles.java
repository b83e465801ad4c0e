package perpwatch.bench.harness;

import java.util.Arrays;
import perpwatch.bench.NearestRank;

/** Nearest-rank percentiles of a set of millisecond values (lags, outage recoveries). */
record Percentiles(int count, long p50, long p99, long max) {
    static Percentiles of(long[] values) {
        if (values.length == 0) {
            return new Percentiles(0, 0, 0, 0);
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Percentiles(
                sorted.length, NearestRank.of(sorted, 0.50), NearestRank.of(sorted, 0.99), sorted[sorted.length - 1]);
    }

    String cells() {
        return count == 0 ? "– | – | – | 0" : p50 + " | " + p99 + " | " + max + " | " + count;
    }
}
