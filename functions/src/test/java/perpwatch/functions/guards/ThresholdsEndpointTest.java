package perpwatch.functions.guards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import perpwatch.functions.TestApi;
import perpwatch.functions.TestClock;

/** {@code GET /api/engine/thresholds}: the one source of the bounds, the required set and their version. */
class ThresholdsEndpointTest extends GuardsTestBase {

    @Test
    void theDefaultsAsConfiguredWithTheVersionEveryAnswerNames() throws Exception {
        // TestApi reads with no lag (GuardsReadLagTest covers the 25 ms default).
        try (TestApi api = TestApi.start(redis.url(), NOW)) {
            JsonNode thresholds =
                    JSON.readTree(api.get("/api/engine/thresholds").body());
            String version = thresholds.get("version").asText();
            String expected = """
                    {"version":"%s","required":["price","spread_bps","depth_10bps","liq_events_5m"],
                     "required_where_listed":["velocity_oracle_age_slots","velocity_mark_oracle_bps"],
                     "metrics":{"price":{"max_age_ms":5000},"bar":{"max_age_ms":150000},
                       "spread_bps":{"warn_above":10,"max_age_ms":5000},"depth_10bps":{"warn_below":50000,\
                       "max_age_ms":5000},
                       "funding_apr":{"warn_abs_above":300,"max_age_ms":180000},"oi_notional":{"max_age_ms":420000},
                       "basis_bps":{"warn_abs_above":50,"max_age_ms":5000},"basis_okx_bps":{"max_age_ms":5000},
                       "liq_events_5m":{"breach_above":10},
                       "velocity_spread_bps":{"warn_above":10,"max_age_ms":10000},
                       "velocity_depth_10bps":{"warn_below":25000,"max_age_ms":10000},
                       "velocity_oracle_age_slots":{"breach_above":10,"max_age_ms":5000},
                       "velocity_mark_oracle_bps":{"breach_abs_above":1000,"max_age_ms":10000},
                       "velocity_funding_apr":{"warn_abs_above":300,"max_age_ms":5400000},
                       "basis_velocity_bps":{"warn_abs_above":50,"max_age_ms":10000}},
                     "basis_max_skew_ms":2000,"clock_skew_max_ms":2000,"liq_counted_max":1000,
                     "read_lag_max_ms":0}""".formatted(version);
            assertEquals(JSON.readTree(expected), thresholds);
            assertEquals(12, version.length());
            assertEquals(
                    version,
                    JSON.readTree(api.get("/api/engine/guards").body())
                            .get("thresholds_version")
                            .asText());
        }
    }

    @Test
    void aChangedThresholdChangesTheVersionAndTheBoundsServed() throws Exception {
        String defaults;
        try (TestApi api = TestApi.start(redis.url(), NOW)) {
            defaults = JSON.readTree(api.get("/api/engine/thresholds").body())
                    .get("version")
                    .asText();
        }
        try (TestApi api =
                TestApi.start(redis.url(), new TestClock(NOW), Map.of("perpwatch.guard.spread.warn.bps", "7.5"))) {
            JsonNode changed = JSON.readTree(api.get("/api/engine/thresholds").body());
            assertNotEquals(defaults, changed.get("version").asText());
            assertEquals(
                    7.5,
                    changed.get("metrics").get("spread_bps").get("warn_above").asDouble());
        }
        try (TestApi api =
                TestApi.start(redis.url(), new TestClock(NOW), Map.of("perpwatch.guard.required", "price"))) {
            assertNotEquals(
                    defaults,
                    JSON.readTree(api.get("/api/engine/thresholds").body())
                            .get("version")
                            .asText(),
                    "the required set is part of the version");
        }
    }
}
