package perpwatch.bench.load;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.redis.BufferedStreamWriter;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.stream.StreamKeys;

/**
 * A feed's writes at a fixed rate, through the real {@link BufferedStreamWriter} on its own {@link RedisStreams}
 * connection (500 ms command timeout, as the feed tasks run): nine book updates to one liquidation, each write timed
 * from the call to its return. One thread, as a feed task writes from one thread.
 */
final class FeedWriteProbe implements AutoCloseable {
    private final BufferedStreamWriter writer;
    private final StreamKey book;
    private final StreamKey liquidations;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile LatencyRecorder recorder;
    private volatile int slot;

    FeedWriteProbe(RedisStreams redis, Instrument instrument, int rate) {
        this.writer = new BufferedStreamWriter(redis, 100_000, System::currentTimeMillis);
        this.book = StreamKeys.book(instrument);
        this.liquidations = StreamKeys.liquidations(instrument);
        this.thread = new Thread(() -> run(rate), "feed-write-probe");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts recording into a fresh recorder sized for {@code length} at the probe's rate. */
    void measure(Duration length, int rate) {
        slot = 0;
        recorder = new LatencyRecorder((int) (length.toSeconds() * rate) + rate);
    }

    /** Stops recording; the summary of what was recorded since {@link #measure}. */
    LatencyRecorder.Summary stop() {
        LatencyRecorder r = recorder;
        recorder = null;
        return r.summary(Math.min(slot, r.capacity()));
    }

    long dropped() {
        return writer.dropped();
    }

    private void run(int rate) {
        long interval = 1_000_000_000L / rate;
        long due = System.nanoTime();
        long i = 0;
        while (running) {
            due += interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long now = System.currentTimeMillis();
            Map<String, String> fields = i % 10 == 9
                    ? Map.of(
                            "venue",
                            "binance",
                            "symbol",
                            "SOLUSDT",
                            "side",
                            "long",
                            "price",
                            "200.01",
                            "quantity",
                            "1.5",
                            "notional_usd",
                            "300.015",
                            "ts",
                            Long.toString(now),
                            "recv_ts",
                            Long.toString(now))
                    : Map.of(
                            "bid",
                            "199.99",
                            "ask",
                            "200.01",
                            "bid_usd",
                            "250000.5",
                            "ask_usd",
                            "198000",
                            "ts",
                            Long.toString(now));
            long t0 = System.nanoTime();
            writer.write(i % 10 == 9 ? liquidations : book, fields);
            long micros = Math.max(1, (System.nanoTime() - t0) / 1_000);
            LatencyRecorder r = recorder;
            if (r != null && slot < r.capacity()) {
                r.record(slot++, micros);
            }
            i++;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
