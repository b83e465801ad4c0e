package perpwatch.bench.load;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.testing.TestRedis;
import perpwatch.functions.market.LiqHeatmapService;
import perpwatch.functions.market.LiqHeatmapService.Source;

/**
 * Issue 22's heatmap load: a generated week of liquidations in a real redis-server, {@code liq_heatmap?hours=168}
 * at a fixed rate, and a feed writing at 1,000 msgs/s through the real {@code BufferedStreamWriter} on its own
 * connection ({@link FeedWriteProbe}), whose write latency is what must stay low (p99 ≤ 5 ms).
 *
 * <p>Four phases, the probe measured in each: the writes alone; the real API on Netty in this JVM (history cache and
 * hourly aggregates, as deployed); then the service called directly with no cache, from the hourly aggregates and
 * from the raw entries, so the two paths are compared on the same data in one run. Direct calls run on a pool of
 * {@code --workers} (a few Lambda instances).
 *
 * <pre>java -cp bench/target/benchmarks.jar perpwatch.bench.load.HeatmapLoadBenchmark [--liquidations=500000]
 * [--rate=100] [--write-rate=1000] [--seconds=20] [--workers=4]</pre>
 */
public final class HeatmapLoadBenchmark {
    private static final Instrument SOL = Instrument.sol();

    private HeatmapLoadBenchmark() {}

    private record Row(String phase, String heatmap, LatencyRecorder.Summary writes, String redis) {}

    public static void main(String[] args) throws Exception {
        int liquidations = 500_000;
        int rate = 100;
        int writeRate = 1_000;
        int seconds = 20;
        int workers = 4;
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.startsWith("--liquidations=")) {
                liquidations = Integer.parseInt(value);
            } else if (arg.startsWith("--rate=")) {
                rate = Integer.parseInt(value);
            } else if (arg.startsWith("--write-rate=")) {
                writeRate = Integer.parseInt(value);
            } else if (arg.startsWith("--seconds=")) {
                seconds = Integer.parseInt(value);
            } else if (arg.startsWith("--workers=")) {
                workers = Integer.parseInt(value);
            } else {
                System.err.println("unknown argument " + arg);
                System.exit(2);
            }
        }
        Duration length = Duration.ofSeconds(seconds);
        try (TestRedis redis = TestRedis.start()) {
            long began = System.nanoTime();
            BigDecimal reference = LiquidationWeek.write(redis.url(), SOL, liquidations, System.currentTimeMillis());
            System.out.printf(
                    "generated %,d liquidations over 7 days in %.1f s; reference price %s%n",
                    liquidations, (System.nanoTime() - began) / 1e9, reference);
            ApplicationContext context = ApplicationContext.builder()
                    .properties(Map.of(
                            "perpwatch.redis.url",
                            redis.url(),
                            "micronaut.server.port",
                            -1,
                            "perpwatch.durable.log",
                            "off"))
                    .start();
            EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
            LiqHeatmapService heatmaps = context.getBean(LiqHeatmapService.class);
            List<Row> rows = new ArrayList<>();
            try (RedisStreams feedRedis = new RedisStreams(redis.config());
                    FeedWriteProbe probe = new FeedWriteProbe(feedRedis, SOL, writeRate);
                    RedisWork work = new RedisWork(redis.url())) {
                Thread.sleep(3_000);
                work.start();
                probe.measure(length, writeRate);
                Thread.sleep(length.toMillis());
                rows.add(new Row("writes alone", "–", probe.stop(), work.summary()));

                long build = System.nanoTime();
                heatmaps.heatmap(SOL, 168, Source.HOURLY);
                System.out.printf(
                        "first hours=168 map built the week's hourly aggregates in %.0f ms%n",
                        (System.nanoTime() - build) / 1e6);

                URI uri = URI.create(server.getURL().toString().replace("localhost", "127.0.0.1")
                        + "/api/market/liq_heatmap?hours=168");
                OpenLoopHttpDriver http = new OpenLoopHttpDriver(uri, 8, Duration.ofSeconds(5));
                work.start();
                probe.measure(length, writeRate);
                OpenLoopHttpDriver.Result api = http.run(rate, length, null);
                rows.add(new Row(
                        "API (history cache + hourly aggregates)",
                        String.format(
                                "%d/%d answered, statuses %s | %.3f | %.3f",
                                api.latency().count(),
                                api.scheduled(),
                                api.statuses(),
                                api.latency().p50() / 1000.0,
                                api.latency().p99() / 1000.0),
                        probe.stop(),
                        work.summary()));

                CallLoadDriver direct = new CallLoadDriver(workers);
                LatencyRecorder.Summary[] service = new LatencyRecorder.Summary[2];
                Source[] sources = {Source.HOURLY, Source.RAW};
                for (int s = 0; s < sources.length; s++) {
                    Source source = sources[s];
                    probe.measure(length.plusSeconds(10), writeRate);
                    CallLoadDriver.Result r =
                            direct.run(() -> heatmaps.heatmap(SOL, 168, source), rate, length, Duration.ofSeconds(10));
                    service[s] = r.service();
                    rows.add(new Row(
                            "service, no cache, " + source.name().toLowerCase() + " (" + workers + " workers)",
                            String.format(
                                    "%d/%d answered, %d failed | %.3f | %.3f",
                                    r.completed(),
                                    r.scheduled(),
                                    r.failed(),
                                    r.latency().p50() / 1000.0,
                                    r.latency().p99() / 1000.0),
                            probe.stop(),
                            work.summary()));
                    System.out.printf(
                            "%s: service time p50 %.1f ms, p99 %.1f ms; first failure: %s%n",
                            source, r.service().p50() / 1000.0, r.service().p99() / 1000.0, r.firstFailure());
                }
                System.out.println();
                System.out.printf(
                        "%,d liquidations, hours=168 at %d req/s, feed writes at %d msgs/s, %d s per phase%n%n",
                        liquidations, rate, writeRate, seconds);
                System.out.println("| phase | heatmap calls | heatmap p50 ms | heatmap p99 ms | writes | write p50 ms "
                        + "| write p90 ms | write p99 ms | write p99.9 ms | write max ms |");
                System.out.println("|---|---|---|---|---|---|---|---|---|---|");
                for (Row row : rows) {
                    String heatmap = row.heatmap().equals("–") ? "– | – | –" : row.heatmap();
                    System.out.println("| " + row.phase() + " | " + heatmap + " "
                            + row.writes().toMillisRow());
                }
                System.out.println();
                for (Row row : rows) {
                    System.out.println("- " + row.phase() + ": " + row.redis());
                }
                System.out.printf(
                        "%nraw / hourly service time: p50 %.1f×, p99 %.1f×; writes dropped %d%n",
                        (double) service[1].p50() / service[0].p50(),
                        (double) service[1].p99() / service[0].p99(),
                        probe.dropped());
            } finally {
                server.stop();
                context.close();
            }
        }
        System.exit(0);
    }
}
