package perpwatch.functions.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import perpwatch.core.testing.TestRedis;
import perpwatch.functions.TestApi;

/** The running webhook during a rotation window: the new value and the previous one both pass, others get 401. */
class WebhookRotationEndpointTest {
    @Test
    void bothVersionsAreAcceptedDuringARotation() throws Exception {
        byte[] empty = "[]".getBytes(StandardCharsets.UTF_8);
        try (TestRedis redis = TestRedis.start();
                TestApi api = TestApi.start(
                        redis.url(),
                        Clock.systemUTC(),
                        Map.of(
                                "perpwatch.helius.auth", "new-value",
                                "perpwatch.helius.auth.previous", "old-value",
                                "perpwatch.durable.log", "off"))) {
            assertEquals(
                    200, api.post("/api/webhooks/helius", empty, "new-value").statusCode());
            assertEquals(
                    200, api.post("/api/webhooks/helius", empty, "old-value").statusCode());
            assertEquals(
                    401, api.post("/api/webhooks/helius", empty, "older-value").statusCode());
            assertEquals(401, api.post("/api/webhooks/helius", empty, null).statusCode());
        }
    }
}
