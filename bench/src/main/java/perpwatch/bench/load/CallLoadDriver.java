package perpwatch.bench.load;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Calls a Java method at a fixed rate on a fixed pool (open loop: a call is due on the schedule whether or not the
 * earlier ones finished, and waits in the pool's queue when every worker is busy). Latency runs from the due time;
 * service time from when a worker took it. Calls still queued when the run ends are never started: counted as
 * {@code unserved}, the backlog a slower path builds.
 */
final class CallLoadDriver {
    private final int workers;

    record Result(
            int scheduled,
            int completed,
            int failed,
            String firstFailure,
            LatencyRecorder.Summary latency,
            LatencyRecorder.Summary service) {
        int unserved() {
            return scheduled - completed - failed;
        }
    }

    CallLoadDriver(int workers) {
        this.workers = workers;
    }

    Result run(Runnable call, int rate, Duration length, Duration drain) throws InterruptedException {
        int total = (int) (rate * length.toSeconds());
        LatencyRecorder latency = new LatencyRecorder(total);
        LatencyRecorder service = new LatencyRecorder(total);
        AtomicInteger failed = new AtomicInteger();
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int slot = i;
            pool.execute(() -> {
                if (stopped.get()) {
                    return;
                }
                long began = System.nanoTime();
                try {
                    call.run();
                    long done = System.nanoTime();
                    latency.record(slot, Math.max(1, (done - due) / 1_000));
                    service.record(slot, Math.max(1, (done - began) / 1_000));
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, e.toString());
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS)) {
            // Queued calls are skipped; the ones running finish (interrupting them would count them as failures).
            stopped.set(true);
            pool.awaitTermination(120, TimeUnit.SECONDS);
        }
        return new Result(
                total,
                latency.count(),
                failed.get(),
                firstFailure.get(),
                latency.summary(total),
                service.summary(total));
    }
}
