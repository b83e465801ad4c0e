package perpwatch.feeds.pulse;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import perpwatch.core.redis.BufferedStreamWriter;

/** The writers of one task: how many records it has written to Redis so far, all instruments together. */
public final class WriteTally {
    private final List<BufferedStreamWriter> writers = new CopyOnWriteArrayList<>();

    public BufferedStreamWriter track(BufferedStreamWriter writer) {
        writers.add(writer);
        return writer;
    }

    public long written() {
        long sum = 0;
        for (BufferedStreamWriter w : writers) {
            sum += w.written();
        }
        return sum;
    }
}
