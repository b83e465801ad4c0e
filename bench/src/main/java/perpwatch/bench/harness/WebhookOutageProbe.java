package perpwatch.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import perpwatch.core.config.Env;
import perpwatch.core.stream.StreamEntry;
import perpwatch.core.stream.StreamKeys;
import perpwatch.local.LocalCloud;
import perpwatch.local.helius.GeneratedDriftTransactions;

/**
 * Helius deliveries during a Redis outage, each sent twice (Helius redelivers what it is unsure of): every signature
 * the webhook answered 200 for must be once in Redis after the outage and once in the Parquet archive. Deliveries are
 * sent from the scenario's own loop, one a second, so the probe needs no thread of its own.
 */
final class WebhookOutageProbe {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HarnessContext ctx;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI webhook;
    private final String auth = LocalCloud.heliusAuth(Env.system());
    private final Set<String> accepted = new HashSet<>();
    private final Map<Integer, Integer> statuses = new TreeMap<>();

    WebhookOutageProbe(HarnessContext ctx) {
        this.ctx = ctx;
        this.webhook = URI.create(ctx.cloud().apiUrl() + "/api/webhooks/helius");
    }

    /** One delivery of two new Drift transactions, then the same delivery again. */
    void deliver() throws Exception {
        String body = GeneratedDriftTransactions.batch(2, System.currentTimeMillis());
        for (int attempt = 0; attempt < 2; attempt++) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(webhook)
                            .timeout(Duration.ofSeconds(10))
                            .header("Authorization", auth)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            statuses.merge(r.statusCode(), 1, Integer::sum);
            if (r.statusCode() == 200) {
                for (JsonNode tx : JSON.readTree(body)) {
                    accepted.add(tx.get("signature").asText());
                }
            }
        }
    }

    Map<Integer, Integer> statuses() {
        return statuses;
    }

    int accepted() {
        return accepted.size();
    }

    /**
     * Of the accepted signatures: how many are in Redis, and how many of those more than once, polled up to waitMs
     * (the log catch-up writes them once Redis is back).
     */
    long[] inRedis(long fromMs, long waitMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + waitMs;
        long[] count = countInRedis(fromMs);
        while (count[0] < accepted.size() && System.currentTimeMillis() < deadline) {
            Thread.sleep(2_000);
            count = countInRedis(fromMs);
        }
        return count;
    }

    private long[] countInRedis(long fromMs) {
        Map<String, Integer> seen = new HashMap<>();
        for (StreamEntry e : ctx.entries(StreamKeys.driftEvents(), fromMs - 60_000, System.currentTimeMillis())) {
            String signature = e.field("signature");
            if (accepted.contains(signature)) {
                seen.merge(signature, 1, Integer::sum);
            }
        }
        return new long[] {
            seen.size(), seen.values().stream().filter(n -> n > 1).count()
        };
    }

    /** Of the accepted signatures: rows in the archive, and distinct signatures among them (polled up to waitMs). */
    long[] inParquet(long fromMs, long toMs, long waitMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + waitMs;
        long[] count = archived(fromMs, toMs);
        while (count[1] < accepted.size() && System.currentTimeMillis() < deadline) {
            Thread.sleep(5_000);
            count = archived(fromMs, toMs);
        }
        return count;
    }

    private long[] archived(long fromMs, long toMs) {
        long[] rows = {0};
        Set<String> distinct = new HashSet<>();
        ctx.archive().forEachRow(StreamKeys.driftEvents().name(), fromMs, toMs, fields -> {
            String signature = fields.get("signature");
            if (accepted.contains(signature)) {
                rows[0]++;
                distinct.add(signature);
            }
        });
        return new long[] {rows[0], distinct.size()};
    }
}
