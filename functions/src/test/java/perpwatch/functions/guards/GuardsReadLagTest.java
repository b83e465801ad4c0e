package perpwatch.functions.guards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import perpwatch.core.config.Env;
import perpwatch.functions.TestApi;
import perpwatch.functions.TestClock;

/**
 * The guards' read lag through the real endpoint and Redis: a change that reached Redis at least the lag before a
 * request is in its answer, however often the route was asked meanwhile.
 */
class GuardsReadLagTest extends GuardsTestBase {
    private static final long LAG_MS = 25;

    @Test
    void aChangeTheLagBeforeARequestIsInItsAnswer() throws Exception {
        seed(NOW - 800, NOW - 90_000);
        seedBook("1.0691", "250000.5", "198000", NOW - 400);
        try (TestApi api =
                TestApi.start(redis.url(), new TestClock(NOW), Map.of("perpwatch.guard.read.lag", LAG_MS + "ms"))) {
            assertEquals(
                    LAG_MS,
                    JSON.readTree(api.get("/api/engine/thresholds").body())
                            .get("read_lag_max_ms")
                            .asLong());
            for (int i = 0; i < 20; i++) {
                assertEquals(1.0691, spread(api), "nothing changed");
            }
            seedBook("12.5", "250000.5", "198000", NOW - 300);
            long written = System.nanoTime();
            // Asked more than the lag after the write (monotonic time, not a timed assertion): the answer must have it.
            while (System.nanoTime() - written <= TimeUnit.MILLISECONDS.toNanos(LAG_MS)) {
                Thread.sleep(1);
            }
            assertEquals(12.5, spread(api), "a change that reached Redis the lag before the request");
            JsonNode guards = JSON.readTree(api.get("/api/engine/guards").body());
            assertEquals(
                    "warn",
                    guards.path("guards").path("spread_bps").path("state").asText());
        }
    }

    @Test
    void theDefaultLagIsStatedAndAnOutOfRangeOneIsRefused() {
        assertEquals(
                Duration.ofMillis(25), GuardPolicy.fromEnv(Env.of(Map.of())).readLagMax());
        assertEquals(
                Duration.ZERO,
                GuardPolicy.fromEnv(Env.of(Map.of("PERPWATCH_GUARD_READ_LAG", "0ms")))
                        .readLagMax());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> GuardPolicy.fromEnv(Env.of(Map.of("PERPWATCH_GUARD_READ_LAG", "2s"))));
        assertEquals("PERPWATCH_GUARD_READ_LAG must be from 0ms to 500ms, got 2000ms", e.getMessage());
    }

    private static double spread(TestApi api) throws Exception {
        return JSON.readTree(api.get("/api/engine/guards").body())
                .get("spread_bps")
                .asDouble();
    }
}
