package perpwatch.local.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Minimal Helius enhanced-webhook deliveries of Drift transactions, posted over HTTP, for the end-to-end tests. */
public final class HeliusDeliveries {
    static final String DRIFT_PROGRAM = "dRiftyHA39MWEi3m9aunc5MzRF1JYuBsbn6VPcn33UH";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HeliusDeliveries() {}

    /** One enhanced transaction with a top-level Drift instruction. */
    public static String driftTransaction(String signature) {
        return "{\"signature\":\"" + signature + "\",\"timestamp\":1767323000,\"slot\":380000000,\"type\":\"UNKNOWN\","
                + "\"feePayer\":\"7fUAJdStEuGbc3sM84cKRL6yYaaSstyLSU4ve5oovLS7\","
                + "\"instructions\":[{\"programId\":\"" + DRIFT_PROGRAM
                + "\",\"accounts\":[],\"data\":\"3Bxs4h24hBtQy9rw\",\"innerInstructions\":[]}]}";
    }

    public static String body(List<String> signatures) {
        return signatures.stream().map(HeliusDeliveries::driftTransaction).collect(Collectors.joining(",", "[", "]"));
    }

    public static HttpResponse<String> post(String apiUrl, String auth, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(apiUrl + "/api/webhooks/helius"))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/json")
                        .header("Authorization", auth)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
