package perpwatch.bench.load;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import perpwatch.core.testing.TestKinesis;
import perpwatch.core.testing.TestRedis;
import perpwatch.functions.webhook.WebhookCounters;
import perpwatch.local.helius.GeneratedDriftTransactions;

/**
 * Posts Helius deliveries (one new Drift transaction each) to {@code POST /api/webhooks/helius} at a fixed rate and
 * prints the ack latency percentiles. The API runs on Netty in this JVM against a real Redis and the real Kinesis
 * emulator, so each ack includes the Kinesis put and the atomic Redis append; {@code --no-log} leaves Kinesis out
 * to separate our own cost from the emulator's (a Node process, far slower than the AWS service).
 *
 * <pre>java -cp bench/target/benchmarks.jar perpwatch.bench.load.WebhookLoadBenchmark --rate=500 --seconds=60 --txs=10
 * [--no-log]</pre>
 */
public final class WebhookLoadBenchmark {
    private static final String AUTH = "Bearer bench";

    private WebhookLoadBenchmark() {}

    public static void main(String[] args) throws Exception {
        HttpLoadDriver.boundKeepAlivePool();
        int rate = 200;
        int seconds = 60;
        int warmup = 30;
        boolean withLog = true;
        int txs = 1;
        for (String arg : args) {
            if (arg.startsWith("--rate=")) {
                rate = Integer.parseInt(arg.substring(7));
            } else if (arg.startsWith("--seconds=")) {
                seconds = Integer.parseInt(arg.substring(10));
            } else if (arg.startsWith("--warmup=")) {
                warmup = Integer.parseInt(arg.substring(9));
            } else if (arg.startsWith("--txs=")) {
                txs = Integer.parseInt(arg.substring(6));
            } else if (arg.equals("--no-log")) {
                withLog = false;
            }
        }
        try (TestRedis redis = TestRedis.start();
                TestKinesis kinesis = TestKinesis.start("perpwatch-events", 1)) {
            ApplicationContext context = ApplicationContext.builder()
                    .properties(Map.of(
                            "perpwatch.redis.url",
                            redis.url(),
                            "micronaut.server.port",
                            -1,
                            "perpwatch.helius.auth",
                            AUTH,
                            "perpwatch.durable.log",
                            withLog ? "kinesis" : "off",
                            "perpwatch.kinesis.endpoint",
                            kinesis.endpoint().toString(),
                            "perpwatch.kinesis.stream",
                            kinesis.stream()))
                    .start();
            EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
            URI uri = URI.create(server.getURL() + "/api/webhooks/helius");
            HttpLoadDriver driver = new HttpLoadDriver(4);
            try {
                System.out.println("warm-up: " + warmup + " s at " + rate + " deliveries/s");
                int perDelivery = txs;
                driver.run(i -> delivery(uri, perDelivery), rate, Duration.ofSeconds(warmup));
                System.out.println("measuring: " + seconds + " s at " + rate + " deliveries/s");
                HttpLoadDriver.Result result =
                        driver.run(i -> delivery(uri, perDelivery), rate, Duration.ofSeconds(seconds));
                System.out.println();
                System.out.println("| deliveries | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |");
                System.out.println("|---|---|---|---|---|---|");
                System.out.println(result.latency().toMillisRow());
                System.out.printf(
                        "achieved rate %.1f/s, failed %d, statuses %s%n",
                        result.achievedRate(), result.failed(), result.statuses());
                System.out.println("webhook counters: "
                        + context.getBean(WebhookCounters.class).snapshot());
            } finally {
                driver.close();
                server.stop();
                context.close();
            }
        }
        System.exit(0);
    }

    private static HttpRequest delivery(URI uri, int txs) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header("Authorization", AUTH)
                .POST(HttpRequest.BodyPublishers.ofString(
                        GeneratedDriftTransactions.batch(txs, System.currentTimeMillis())))
                .build();
    }
}
