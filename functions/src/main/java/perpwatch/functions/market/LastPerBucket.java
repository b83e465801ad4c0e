package perpwatch.functions.market;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Keeps, per fixed-width time bucket, the sample with the latest time: the hourly OI series and the downsampled
 * funding series are both "the last word in each bucket", so neither averages values the venue never printed.
 */
final class LastPerBucket<T> {
    private final long fromMs;
    private final long widthMs;
    private final TreeMap<Long, Sample<T>> buckets = new TreeMap<>();

    private record Sample<T>(long time, T value) {}

    LastPerBucket(long fromMs, long widthMs) {
        if (widthMs <= 0) {
            throw new IllegalArgumentException("bucket width must be positive");
        }
        this.fromMs = fromMs;
        this.widthMs = widthMs;
    }

    /** Samples before {@code fromMs} are ignored; a tie in time keeps the one offered last (written last). */
    void offer(long time, T value) {
        if (time < fromMs) {
            return;
        }
        long bucket = fromMs + Math.floorDiv(time - fromMs, widthMs) * widthMs;
        Sample<T> current = buckets.get(bucket);
        if (current == null || time >= current.time()) {
            buckets.put(bucket, new Sample<>(time, value));
        }
    }

    /** Oldest bucket first; {@code toPoint} gets the bucket start and the sample. */
    <R> List<R> points(BucketPoint<T, R> toPoint) {
        List<R> out = new ArrayList<>(buckets.size());
        buckets.forEach((start, sample) -> out.add(toPoint.apply(start, sample.time(), sample.value())));
        return out;
    }

    /** Builds an output point from a bucket start, the sample's own time and its value. */
    interface BucketPoint<T, R> {
        R apply(long bucketStart, long sampleTime, T value);
    }
}
