package perpwatch.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import perpwatch.core.config.Env;
import perpwatch.local.LocalCloud;
import perpwatch.local.LocalCloudOptions;
import perpwatch.local.net.FreePorts;

/**
 * Loads {@code GET /api/engine/guards} at a fixed rate and prints latency percentiles as a markdown row. The driver
 * is {@link OpenLoopHttpDriver} (plain keep-alive sockets, constant-rate open loop, latency from each request's due
 * time, as wrk2 measures); run it in its own JVM with {@code --url} so the server's figures do not include the
 * driver's own allocation and threads.
 *
 * <p>Without {@code --url} it starts the whole local cloud in this JVM (embedded Redis, venue simulators in
 * synthetic mode, every feed task, the API on Netty), so the figures include a server that is busy with feeds too.
 * {@code --no-cache} turns the guards' 5 s answer cache off: every request then reads Redis.
 *
 * <pre>java -cp bench/target/benchmarks.jar perpwatch.bench.load.GuardsLoadBenchmark --rate=1000 --seconds=60
 * [--connections=16] [--no-cache] [--url=…]</pre>
 */
public final class GuardsLoadBenchmark {
    private GuardsLoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rate = 1000;
        int seconds = 60;
        int warmupSeconds = 15;
        String url = null;
        boolean noCache = false;
        int connections = 16;
        for (String arg : args) {
            if (arg.startsWith("--rate=")) {
                rate = Integer.parseInt(arg.substring(7));
            } else if (arg.startsWith("--seconds=")) {
                seconds = Integer.parseInt(arg.substring(10));
            } else if (arg.startsWith("--warmup=")) {
                warmupSeconds = Integer.parseInt(arg.substring(9));
            } else if (arg.startsWith("--url=")) {
                url = arg.substring(6);
            } else if (arg.startsWith("--connections=")) {
                connections = Integer.parseInt(arg.substring(14));
            } else if (arg.equals("--no-cache")) {
                noCache = true;
            } else {
                System.err.println("unknown argument " + arg);
                System.exit(2);
            }
        }
        if (noCache) {
            // Micronaut reads system properties as configuration: the API then recomputes every answer.
            System.setProperty("perpwatch.guard.cache", "0ms");
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
            // The API listens on 127.0.0.1 only; the driver connects to the address as given.
            url = cloud.apiUrl().replace("localhost", "127.0.0.1") + "/api/engine/guards";
            awaitLiveData(URI.create(url));
        }
        OpenLoopHttpDriver driver = new OpenLoopHttpDriver(URI.create(url), connections, Duration.ofSeconds(5));
        try {
            System.out.println("warm-up: " + warmupSeconds + " s at " + rate + " req/s on " + connections
                    + " connections against " + url);
            driver.run(rate, Duration.ofSeconds(warmupSeconds), null);
            System.out.println(
                    "measuring: " + seconds + " s at " + rate + " req/s" + (noCache ? " (guards cache off)" : ""));
            OpenLoopHttpDriver.Result result = driver.run(rate, Duration.ofSeconds(seconds), null);
            System.out.println();
            System.out.println("| from | requests | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |");
            System.out.println("|---|---|---|---|---|---|---|");
            System.out.println("| due time (the latency) " + result.latency().toMillisRow());
            System.out.println("| due → sent (pool busy or driver late) "
                    + result.sendDelay().toMillisRow());
            System.out.println("| sent → answered (service time, as wrk) "
                    + result.service().toMillisRow());
            System.out.printf(
                    "achieved rate %.1f req/s, failed %d, reconnects %d, statuses %s%n",
                    result.achievedRate(), result.failed(), result.reconnects(), result.statuses());
        } finally {
            if (cloud != null) {
                cloud.close();
            }
        }
        System.exit(0);
    }

    private static void awaitLiveData(URI guards) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 60_000;
        String body = "";
        while (System.currentTimeMillis() < deadline) {
            body = client.send(HttpRequest.newBuilder(guards).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            if (body.contains("\"price\":") && !body.contains("\"price\":null")) {
                System.out.println("guards have live data: " + body);
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no live price after 60 s: " + body);
    }
}
