package perpwatch.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * An open-loop load driver: request i is due at start + i / rate and its latency is measured from that due time,
 * not from when it was actually sent, so a stalled server shows up as latency instead of silently lowering the
 * rate (coordinated omission).
 */
final class HttpLoadDriver {
    private final HttpClient client;
    private final ExecutorService executor;

    /** Connections the driver's client keeps alive between requests. */
    static final int KEEP_ALIVE_CONNECTIONS = 64;

    /**
     * Call first in {@code main}, before anything in the JVM builds a JDK {@code HttpClient} (the pool size is read
     * once). The client's keep-alive cache is a linked list searched on every checkout and unbounded by default: after
     * one latency spike it held hundreds of connections, and the driver spent 16 % of all CPU samples of a profiled
     * webhook run in {@code ConnectionPool$ExpiryList.remove}, on the two cores the server under test also runs on.
     */
    static void boundKeepAlivePool() {
        if (System.getProperty("jdk.httpclient.connectionPoolSize") == null) {
            System.setProperty("jdk.httpclient.connectionPoolSize", Integer.toString(KEEP_ALIVE_CONNECTIONS));
        }
    }

    HttpLoadDriver(int threads) {
        executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "load-client");
            t.setDaemon(true);
            return t;
        });
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    record Result(
            LatencyRecorder.Summary latency,
            int scheduled,
            int failed,
            Map<String, Integer> statuses,
            double achievedRate) {}

    Result run(URI uri, int ratePerSecond, Duration length) throws InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
        return run(i -> request, ratePerSecond, length);
    }

    /** {@code requests.apply(i)} builds request {@code i} when it is due (microseconds; inside the measured time). */
    Result run(IntFunction<HttpRequest> requests, int ratePerSecond, Duration length) throws InterruptedException {
        int total = (int) (ratePerSecond * length.toSeconds());
        LatencyRecorder recorder = new LatencyRecorder(total);
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        Map<String, Integer> statuses = new ConcurrentHashMap<>();
        long intervalNanos = 1_000_000_000L / ratePerSecond;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(Math.min(wait, 200_000));
            }
            int slot = i;
            HttpRequest request = requests.apply(i);
            inFlight.incrementAndGet();
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                long latency = (System.nanoTime() - due) / 1_000;
                if (error != null) {
                    failed.incrementAndGet();
                    statuses.merge(error.getClass().getSimpleName(), 1, Integer::sum);
                } else {
                    recorder.record(slot, Math.max(1, latency));
                    statuses.merge(Integer.toString(response.statusCode()), 1, Integer::sum);
                }
                inFlight.decrementAndGet();
            });
        }
        long sentAt = System.nanoTime();
        long deadline = sentAt + TimeUnit.SECONDS.toNanos(10);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        double seconds = (sentAt - start) / 1e9;
        return new Result(
                recorder.summary(total),
                total,
                failed.get() + inFlight.get(),
                new TreeMap<>(statuses),
                total / seconds);
    }

    void close() {
        executor.shutdownNow();
    }
}
