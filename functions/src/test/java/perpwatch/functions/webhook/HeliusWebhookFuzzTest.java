package perpwatch.functions.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import perpwatch.core.fuzz.FrameMutator;
import perpwatch.core.testing.TestRedis;
import perpwatch.functions.TestApi;

/**
 * A thousand mutated Helius deliveries (cut off, bytes flipped, values of the wrong kind) against the real endpoint:
 * each is stored, or refused with a 4xx JSON error — never a 500 — and every refusal shows in the counters.
 */
class HeliusWebhookFuzzTest {
    static final String SECRET = "Bearer fuzz-secret";
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void mutatedDeliveriesAreStoredOrRefusedNeverAServerError() throws Exception {
        String seed = new String(
                HeliusWebhookEndpointTest.body(
                        HeliusWebhookEndpointTest.recordedTransfer(),
                        HeliusWebhookEndpointTest.driftTransaction("sig-fuzz")),
                StandardCharsets.UTF_8);
        FrameMutator mutator = new FrameMutator(5);
        try (TestRedis redis = TestRedis.start();
                TestApi api = TestApi.start(
                        redis.url(),
                        java.time.Clock.systemUTC(),
                        Map.of("perpwatch.helius.auth", SECRET, "perpwatch.durable.log", "off"))) {
            int refused = 0;
            for (int i = 0; i < 1_000; i++) {
                String mutant = mutator.mutate(seed);
                HttpResponse<String> r =
                        api.post("/api/webhooks/helius", mutant.getBytes(StandardCharsets.UTF_8), SECRET);
                assertTrue(
                        Set.of(200, 400).contains(r.statusCode()),
                        r.statusCode() + " for:\n" + mutant + "\n→ " + r.body());
                JsonNode body = JSON.readTree(r.body());
                if (r.statusCode() == 400) {
                    refused++;
                    assertEquals("bad_body", body.path("error").asText(), r.body());
                }
            }
            JsonNode counters = JSON.readTree(
                    api.get("/api/internal/webhooks/helius/counters").body());
            assertEquals(1_000, counters.path("deliveries").asLong(), counters.toString());
            assertTrue(refused > 0, "the mutator broke some bodies");
            assertEquals(
                    refused, counters.path("malformed_bodies").asLong(), "every refused body counted: " + counters);
        }
    }
}
