package perpwatch.bench.load;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import perpwatch.bench.NearestRank;

/** Latencies in microseconds, one slot per scheduled request, summarised as percentiles after the run. */
final class LatencyRecorder {
    private final long[] micros;
    private final AtomicInteger recorded = new AtomicInteger();

    LatencyRecorder(int capacity) {
        micros = new long[capacity];
    }

    void record(int slot, long latencyMicros) {
        micros[slot] = latencyMicros;
        recorded.incrementAndGet();
    }

    int capacity() {
        return micros.length;
    }

    int count() {
        return recorded.get();
    }

    /** Percentiles over the recorded slots (slots never recorded are failures and are counted elsewhere). */
    Summary summary(int scheduled) {
        long[] done =
                Arrays.stream(micros, 0, scheduled).filter(v -> v > 0).sorted().toArray();
        if (done.length == 0) {
            return new Summary(0, 0, 0, 0, 0, 0);
        }
        return new Summary(
                done.length,
                NearestRank.of(done, 0.50),
                NearestRank.of(done, 0.90),
                NearestRank.of(done, 0.99),
                NearestRank.of(done, 0.999),
                done[done.length - 1]);
    }

    record Summary(int count, long p50, long p90, long p99, long p999, long max) {
        String toMillisRow() {
            return String.format(
                    "| %d | %.3f | %.3f | %.3f | %.3f | %.3f |",
                    count, p50 / 1000.0, p90 / 1000.0, p99 / 1000.0, p999 / 1000.0, max / 1000.0);
        }
    }
}
