package perpwatch.functions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The README's engine client, verbatim: ask the guards before acting; anything but a fresh readable verdict is a
 * breach.
 */
final class GuardGate {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
    private final URI guards;
    private final long maxAgeMs;
    private final Duration timeout;

    GuardGate(String baseUrl, String symbol, long maxAgeMs, Duration timeout) {
        this.guards = URI.create(baseUrl + "/api/engine/guards?symbol=" + symbol);
        this.maxAgeMs = maxAgeMs;
        this.timeout = timeout;
    }

    /** "passing", "warning" or "breach": an HTTP error, a timeout, an unreadable or an old answer is "breach". */
    String status() {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(guards).timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return "breach";
            }
            JsonNode answer = JSON.readTree(r.body());
            long age = System.currentTimeMillis() - answer.get("ts").asLong();
            String status = answer.get("status").asText();
            boolean fresh = Math.abs(age) <= maxAgeMs;
            return fresh && (status.equals("passing") || status.equals("warning")) ? status : "breach";
        } catch (Exception e) { // timeouts, refused connections, bodies that are not a guards answer
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return "breach";
        }
    }
}
