package perpwatch.local.helius;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Posts Helius enhanced-webhook payloads to a receiver, as Helius would: a recorded file, or generated Drift
 * transactions. For the local cloud and for checking a deployed endpoint.
 *
 * <pre>
 * java -cp localstack/target/perpwatch-local.jar perpwatch.local.helius.HeliusWebhookSender \
 *     --url=http://localhost:8080/api/webhooks/helius --auth="Bearer perpwatch-local" (--file=payload.json | --generate=N) [--repeat=K]
 * </pre>
 */
public final class HeliusWebhookSender {
    private HeliusWebhookSender() {}

    public static void main(String[] args) throws Exception {
        String url = null;
        String auth = null;
        String file = null;
        int generate = 0;
        int repeat = 1;
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (kv.length != 2) {
                usage("unexpected argument '" + arg + "'");
            }
            switch (kv[0]) {
                case "--url" -> url = kv[1];
                case "--auth" -> auth = kv[1];
                case "--file" -> file = kv[1];
                case "--generate" -> generate = Integer.parseInt(kv[1]);
                case "--repeat" -> repeat = Integer.parseInt(kv[1]);
                default -> usage("unknown option '" + kv[0] + "'");
            }
        }
        if (url == null || auth == null || (file == null) == (generate <= 0)) {
            usage("--url, --auth and one of --file or --generate are required");
        }
        String body = file != null
                ? Files.readString(Path.of(file))
                : GeneratedDriftTransactions.batch(generate, System.currentTimeMillis());
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < repeat; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = send(http, url, auth, body);
            System.out.printf(
                    "%d %s (%.1f ms)%n", response.statusCode(), response.body(), (System.nanoTime() - started) / 1e6);
        }
    }

    static HttpResponse<String> send(HttpClient http, String url, String auth, String body)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("Authorization", auth)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println(
                "usage: HeliusWebhookSender --url=URL --auth=VALUE (--file=PATH | --generate=N) [--repeat=K]");
        System.exit(2);
    }
}
