package perpwatch.functions.ping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import perpwatch.functions.TestApi;
import perpwatch.functions.TestClock;

/** The no-op route: a constant, never cached, and not served unless switched on. No Redis is needed. */
class PingEndpointTest {
    // Nothing listens there: the route must answer without touching Redis.
    static final String NO_REDIS = "redis://127.0.0.1:1";

    @Test
    void answersAConstantThatIsNeverCached() throws Exception {
        try (TestApi api = TestApi.start(NO_REDIS, new TestClock(0), Map.of(PingController.ENABLED, true))) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> response = api.get("/api/ping");
                assertEquals(200, response.statusCode());
                assertEquals("{\"ok\":true}", response.body());
                assertEquals(
                        "no-store",
                        response.headers().firstValue("Cache-Control").orElse(null));
                assertTrue(
                        response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                        response.headers().map().toString());
            }
        }
    }

    @Test
    void isNotServedUnlessSwitchedOn() throws Exception {
        try (TestApi api = TestApi.start(NO_REDIS, new TestClock(0))) {
            assertEquals(404, api.get("/api/ping").statusCode());
        }
    }
}
