package perpwatch.feeds.pulse;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import perpwatch.core.redis.BufferedStreamWriter;

/** The writers of one task: how many records it has written to Redis so far, all instruments together. */
public final class WriteTally {
    private final List<BufferedStreamWriter> writers = new CopyOnWriteArrayList<>();
    private final List<LongSupplier> counts = new CopyOnWriteArrayList<>();

    public BufferedStreamWriter track(BufferedStreamWriter writer) {
        writers.add(writer);
        return writer;
    }

    /** A task that writes Redis without a {@link BufferedStreamWriter} (a snapshot publisher) counts here. */
    public void count(LongSupplier written) {
        counts.add(written);
    }

    public long written() {
        long sum = 0;
        for (LongSupplier c : counts) {
            sum += c.getAsLong();
        }
        for (BufferedStreamWriter w : writers) {
            sum += w.written();
        }
        return sum;
    }
}
