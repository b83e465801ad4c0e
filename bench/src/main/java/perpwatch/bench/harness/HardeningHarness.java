package perpwatch.bench.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.config.Env;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.redis.RedisConfig;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamKeys;
import perpwatch.local.LocalCloud;
import perpwatch.local.LocalCloudOptions;
import perpwatch.local.net.FreePorts;

/**
 * Runs the hardening scenarios against one local cloud (synthetic market, every feed task, the API, Redis, the
 * Kinesis emulator behind a fault proxy, the archive) and writes {@code bench/results/REPORT.md}.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar perpwatch.bench.harness.HardeningHarness [--quick] [--scenarios=1,2,3,4,5,6,7]
 *      [--rates=1000,5000,20000] [--out=bench/results/REPORT.md]
 * </pre>
 * {@code --quick} runs every phase at a fifth of its length (a smoke run; the report says so). Exit status 1 when a
 * check failed. Run from the repository root, after {@code mvn -B -q -pl bench -am package -DskipTests} and with the
 * emulator installed ({@code ./perpwatch test} does both).
 */
public final class HardeningHarness {
    private static final Logger LOG = LoggerFactory.getLogger(HardeningHarness.class);

    private HardeningHarness() {}

    public static void main(String[] args) throws Exception {
        double scale = 1;
        Set<Integer> chosen = new TreeSet<>(List.of(1, 2, 3, 4, 5, 6, 7));
        Path out = Path.of("bench/results/REPORT.md");
        int[] rates = ThroughputScenario.RATES;
        for (String arg : args) {
            if (arg.equals("--quick")) {
                scale = 0.2;
            } else if (arg.startsWith("--scenarios=")) {
                chosen.clear();
                for (String n : arg.substring(12).split(",")) {
                    chosen.add(Integer.parseInt(n.trim()));
                }
            } else if (arg.startsWith("--rates=")) {
                rates = Arrays.stream(arg.substring(8).split(","))
                        .mapToInt(r -> Integer.parseInt(r.trim()))
                        .toArray();
            } else if (arg.startsWith("--out=")) {
                out = Path.of(arg.substring(6));
            } else {
                System.err.println("unknown argument " + arg);
                System.exit(2);
            }
        }
        List<Scenario.Result> results = new ArrayList<>();
        Instant started = Instant.now();
        List<Scenario> againstCloud = new ArrayList<>();
        if (chosen.contains(1)) {
            // Its own cloud without the durable log: the Kinesis emulator (kinesis-mock on Node) takes about a hundred
            // records a second on this box, and 20,000 msgs/s would bury it (and every scenario after) under a backlog
            // that AWS Kinesis would not have. Scenario 4 is the durable log's.
            results.addAll(runAgainstCloud(
                    List.of(new ThroughputScenario(rates)), scale, Map.of("PERPWATCH_DURABLE_LOG", "off")));
        }
        if (chosen.contains(2)) {
            againstCloud.add(new DisconnectStormScenario());
        }
        if (chosen.contains(3)) {
            againstCloud.add(new RedisOutageScenario());
        }
        if (chosen.contains(5)) {
            againstCloud.add(new BadInputScenario());
        }
        if (!againstCloud.isEmpty()) {
            results.addAll(runAgainstCloud(againstCloud, scale, Map.of()));
        }
        if (chosen.contains(4)) {
            // A fresh emulator: kinesis-mock slows down as its stream grows (minutes of traffic from the scenarios
            // before), until its own archiver reads time out; AWS Kinesis does not. The durable log is judged alone.
            results.addAll(runAgainstCloud(List.of(new KinesisOutageScenario()), scale, Map.of()));
        }
        if (chosen.contains(7)) {
            // Its own cloud, durable log off as for scenario 1: the lag from a venue event to the first guards answer
            // that shows it, with the guards asked 1,000 times a second; the Node emulator would only add CPU noise.
            results.addAll(
                    runAgainstCloud(List.of(new FreshnessScenario()), scale, Map.of("PERPWATCH_DURABLE_LOG", "off")));
        }
        if (chosen.contains(6)) {
            // Its own cloud and a browser: run alone, after this one has stopped.
            results.add(new DashboardScenario().run(null));
        }
        results.sort(Comparator.comparing(Scenario.Result::title));
        String durableLog = System.getenv("PERPWATCH_DURABLE_LOG") != null
                ? "PERPWATCH_DURABLE_LOG=" + System.getenv("PERPWATCH_DURABLE_LOG")
                        + " (no Kinesis emulator, no archive)"
                : "off for scenarios 1 and 7 (each its own cloud); for 2, 3 and 5 (one cloud) and 4 (a fresh one), "
                        + "kinesis-local (Node, the engine LocalStack uses) behind the harness's "
                        + "fault proxy, archived to S3Proxy";
        String report = Report.render(results, scale, started, Instant.now(), args, durableLog);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        boolean passed = results.stream().allMatch(Scenario.Result::passed);
        System.out.println(report);
        System.out.println((passed ? "every check held; " : "SOME CHECKS FAILED; ") + "report written to " + out);
        System.exit(passed ? 0 : 1);
    }

    /** Starts a local cloud (with {@code env} on top of the system's), runs the scenarios in order, stops it. */
    static List<Scenario.Result> runAgainstCloud(List<Scenario> scenarios, double scale, Map<String, String> env)
            throws Exception {
        List<Scenario.Result> results = new ArrayList<>();
        LocalCloud cloud = new LocalCloud();
        int kinesisProxyPort = FreePorts.any();
        KinesisFaultProxy[] proxy = new KinesisFaultProxy[1];
        cloud.routeKinesis(emulator -> {
            try {
                proxy[0] = new KinesisFaultProxy(emulator, kinesisProxyPort);
                return proxy[0].endpoint();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            cloud.start(
                    new LocalCloudOptions(
                            LocalCloudOptions.Mode.SYNTHETIC,
                            FreePorts.any(),
                            FreePorts.any(),
                            Path.of("../shared/fixtures")),
                    Env.system().with(env));
            Instrument sol = Instrument.sol();
            String redisUrl = cloud.redis()
                    .orElseThrow(() -> new IllegalStateException("the harness needs the embedded Redis"))
                    .url();
            try (RedisStreams redis = new RedisStreams(new RedisConfig(redisUrl, Duration.ofSeconds(10)));
                    GuardsWatcher guards = new GuardsWatcher(
                            cloud.apiUrl(), redis, List.of(StreamKeys.price(sol), StreamKeys.book(sol)))) {
                HarnessContext ctx = new HarnessContext(
                        cloud,
                        cloud.markets().get(0),
                        sol,
                        redis,
                        guards,
                        proxy[0],
                        cloud.archiveStore().map(ArchiveCheck::new).orElse(null),
                        scale);
                awaitLive(ctx);
                for (Scenario scenario : scenarios) {
                    LOG.info("harness: {} starting", scenario.title());
                    Scenario.Result result;
                    try {
                        result = scenario.run(ctx);
                    } catch (Exception | AssertionError e) {
                        LOG.error("harness: {} broke", scenario.title(), e);
                        result = new Scenario.Result(scenario.title(), false, "The scenario stopped with " + e + "\n");
                    }
                    LOG.info("harness: {} {}", scenario.title(), result.passed() ? "held" : "FAILED");
                    results.add(result);
                }
            }
        } finally {
            cloud.close();
        }
        return results;
    }

    /** The first Drift scan loads both cores for a while and every feed needs a first record: wait for both. */
    private static void awaitLive(HarnessContext ctx) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 240_000;
        while (System.currentTimeMillis() < deadline) {
            boolean scanned = ctx.redis().last(StreamKeys.driftLiqMap()).isPresent();
            var last = ctx.guards().between(System.currentTimeMillis() - 1_000, Long.MAX_VALUE);
            if (scanned
                    && !last.isEmpty()
                    && "live".equals(last.get(last.size() - 1).dataSource())) {
                return;
            }
            Thread.sleep(1_000);
        }
        throw new IllegalStateException("the local cloud did not report live data within 240 s");
    }
}
