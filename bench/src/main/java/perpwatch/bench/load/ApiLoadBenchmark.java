package perpwatch.bench.load;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import perpwatch.core.config.Env;
import perpwatch.local.LocalCloud;
import perpwatch.local.LocalCloudOptions;
import perpwatch.local.helius.GeneratedDriftTransactions;
import perpwatch.local.net.FreePorts;

/**
 * Routes of a running API under constant-rate open-loop load ({@link NettyLoadDriver}), in alternation: at each rate,
 * each round runs every route for one phase in turn (ping, guards, ping, guards, …), so the routes are measured under
 * the same conditions of a shared box, minutes apart at most. Prints one row per phase and, per rate, the median over
 * the rounds and the guards' p99 over the no-op route's.
 *
 * <pre>java -cp bench/target/benchmarks.jar perpwatch.bench.load.ApiLoadBenchmark --url=http://127.0.0.1:18081
 *   [--routes=ping,guards] [--rates=1000,5000,20000] [--seconds=12] [--warmup=3] [--rounds=2] [--connections=32]
 *   [--io-threads=1] [--timeout=5]</pre>
 *
 * <p>Routes: {@code ping} ({@code GET /api/ping}, the no-op), {@code guards} ({@code GET /api/engine/guards}),
 * {@code thresholds} ({@code GET /api/engine/thresholds}), {@code webhook} ({@code POST /api/webhooks/helius}, an
 * empty delivery with the local cloud's secret: the route's own cost), {@code webhook-tx} (the same route, one new
 * Drift transaction per delivery, so each is stored). Without {@code --url} the local cloud starts in this JVM
 * (synthetic venues, every feed), which then shares the JVM with the driver; a separate process is the figure to
 * quote.
 */
public final class ApiLoadBenchmark {
    private ApiLoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        String url = null;
        List<String> routes = List.of("ping", "guards");
        List<Integer> rates = List.of(1000, 5000, 20000);
        int seconds = 12;
        int warmup = 3;
        int rounds = 2;
        int connections = 32;
        int ioThreads = 1;
        int timeout = 5;
        for (String arg : args) {
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
            switch (arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg) {
                case "--url" -> url = value;
                case "--routes" -> routes = List.of(value.split(","));
                case "--rates" ->
                    rates = Arrays.stream(value.split(","))
                            .map(Integer::parseInt)
                            .toList();
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--connections" -> connections = Integer.parseInt(value);
                case "--io-threads" -> ioThreads = Integer.parseInt(value);
                case "--timeout" -> timeout = Integer.parseInt(value);
                default -> {
                    System.err.println("unknown argument " + arg);
                    System.exit(2);
                }
            }
        }
        LocalCloud cloud = null;
        if (url == null) {
            cloud = new LocalCloud();
            cloud.start(
                    new LocalCloudOptions(
                            LocalCloudOptions.Mode.SYNTHETIC,
                            FreePorts.any(),
                            FreePorts.any(),
                            Path.of("../shared/fixtures")),
                    Env.system());
            url = cloud.apiUrl().replace("localhost", "127.0.0.1");
        }
        URI base = URI.create(url);
        Map<String, NettyLoadDriver.Target> targets = new LinkedHashMap<>();
        for (String route : routes) {
            targets.put(route, target(route, base));
        }
        System.out.printf(
                "driver: %d connections on %d I/O thread(s), timeout %d s, against %s; %d s warm-up + %d s per phase,"
                        + " %d round(s); %s%n",
                connections, ioThreads, timeout, base, warmup, seconds, rounds, loadAverage());
        List<String> rows = new ArrayList<>();
        Map<String, List<NettyLoadDriver.Result>> byRateRoute = new LinkedHashMap<>();
        try (NettyLoadDriver driver = new NettyLoadDriver(
                base.getHost(), base.getPort(), connections, ioThreads, Duration.ofSeconds(timeout))) {
            for (int rate : rates) {
                for (int round = 1; round <= rounds; round++) {
                    for (NettyLoadDriver.Target target : targets.values()) {
                        if (warmup > 0) {
                            driver.run(target, rate, Duration.ofSeconds(warmup));
                        }
                        String started =
                                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
                        long cpu0 = processCpuNanos();
                        long wall0 = System.nanoTime();
                        NettyLoadDriver.Result r = driver.run(target, rate, Duration.ofSeconds(seconds));
                        double driverCpu = 100.0 * (processCpuNanos() - cpu0) / (System.nanoTime() - wall0);
                        String row = phaseRow(r, round, started, loadAverage(), driverCpu);
                        System.out.println(row);
                        rows.add(row);
                        byRateRoute
                                .computeIfAbsent(rate + " " + target.name(), k -> new ArrayList<>())
                                .add(r);
                    }
                }
            }
        } finally {
            if (cloud != null) {
                cloud.close();
            }
        }
        System.out.println();
        System.out.println("| rate req/s | route | phase start UTC | round | load avg 1m | answered | achieved req/s "
                + "| p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | send delay p99 ms | service p99 ms | errors "
                + "| max queued | driver CPU (of one core) | statuses |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.println();
        System.out.println("| rate req/s | route | rounds | median p50 ms | median p99 ms | median p99.9 ms "
                + "| p99 / ping p99 |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int rate : rates) {
            double pingP99 = median(byRateRoute.getOrDefault(rate + " ping", List.of()), 99);
            for (String route : targets.keySet()) {
                List<NettyLoadDriver.Result> results = byRateRoute.get(rate + " " + route);
                double p99 = median(results, 99);
                System.out.printf(
                        Locale.ROOT,
                        "| %,d | %s | %d | %.3f | %.3f | %.3f | %s |%n",
                        rate,
                        route,
                        results.size(),
                        median(results, 50),
                        p99,
                        median(results, 99.9),
                        Double.isNaN(pingP99) ? "" : String.format(Locale.ROOT, "%.2f", p99 / pingP99));
            }
        }
        System.exit(0);
    }

    private static final String WEBHOOK = "/api/webhooks/helius";

    /** JSON with the local cloud's Helius secret. */
    private static Map<String, String> webhookHeaders() {
        return Map.of("Content-Type", "application/json", "Authorization", LocalCloud.heliusAuth(Env.system()));
    }

    static NettyLoadDriver.Target target(String route, URI base) {
        return switch (route) {
            case "ping" -> NettyLoadDriver.Target.get(route, base.resolve("/api/ping"));
            case "guards" -> NettyLoadDriver.Target.get(route, base.resolve("/api/engine/guards"));
            case "thresholds" -> NettyLoadDriver.Target.get(route, base.resolve("/api/engine/thresholds"));
            case "webhook" ->
                NettyLoadDriver.Target.of(
                        route, "POST", base.resolve(WEBHOOK), webhookHeaders(), "[]".getBytes(StandardCharsets.UTF_8));
            // A real delivery: one new Drift transaction each (a repeat would be answered by the deduplication), so
            // every ack includes the parse, the dedupe check and the atomic Redis append (and the durable log's put
            // when the cloud has one).
            case "webhook-tx" ->
                NettyLoadDriver.Target.each(
                        route,
                        "POST",
                        base.resolve(WEBHOOK),
                        webhookHeaders(),
                        () -> GeneratedDriftTransactions.batch(1, System.currentTimeMillis())
                                .getBytes(StandardCharsets.UTF_8));
            default -> throw new IllegalArgumentException("unknown route " + route);
        };
    }

    private static String phaseRow(NettyLoadDriver.Result r, int round, String started, String load, double driverCpu) {
        long errors = r.timedOut() + r.failed() + r.notSent();
        return String.format(
                Locale.ROOT,
                "| %,d | %s | %s | %d | %s | %d | %.1f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %d | %d "
                        + "| %.0f %% | %s |",
                r.rate(),
                r.target(),
                started,
                round,
                load,
                r.answered(),
                r.achievedRate(),
                NettyLoadDriver.Result.ms(r.latency().getValueAtPercentile(50)),
                NettyLoadDriver.Result.ms(r.latency().getValueAtPercentile(90)),
                NettyLoadDriver.Result.ms(r.latency().getValueAtPercentile(99)),
                NettyLoadDriver.Result.ms(r.latency().getValueAtPercentile(99.9)),
                NettyLoadDriver.Result.ms(r.latency().getMaxValue()),
                NettyLoadDriver.Result.ms(r.sendDelay().getValueAtPercentile(99)),
                NettyLoadDriver.Result.ms(r.service().getValueAtPercentile(99)),
                errors,
                r.maxQueued(),
                driverCpu,
                r.statuses());
    }

    private static double median(List<NettyLoadDriver.Result> results, double percentile) {
        if (results == null || results.isEmpty()) {
            return Double.NaN;
        }
        double[] v = results.stream()
                .mapToDouble(r -> NettyLoadDriver.Result.ms(r.latency().getValueAtPercentile(percentile)))
                .sorted()
                .toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** CPU time of this JVM (every thread: the pacer, the I/O threads, GC). */
    static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The 1-minute load average, as {@code uptime} prints it. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
