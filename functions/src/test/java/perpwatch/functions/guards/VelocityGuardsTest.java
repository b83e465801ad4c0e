package perpwatch.functions.guards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import perpwatch.core.stream.StreamKeys;
import perpwatch.functions.TestApi;
import perpwatch.functions.TestClock;

/**
 * The Velocity metrics through the API on a real Redis: each threshold alone flips the status from the passing
 * baseline (a warning for the book, funding and basis; a breach for the oracle's age and the mark–oracle gap, as the
 * protocol acts on those), and what cannot be read is unknown with why, never a number.
 */
class VelocityGuardsTest extends GuardsTestBase {

    /** Every other feed fresh and calm (GuardsEndpointTest's passing answer); Velocity is seeded by each test. */
    void others() {
        seed(NOW - 800, NOW - 90_000);
        seedBook("1.0691", "250000.5", "198000", NOW - 400);
        seedBybitAndOkx("10.95", "187.11", NOW - 1_500);
        seedLiquidations(NOW - 200_000);
    }

    /** The passing baseline: Velocity as {@link #seedVelocityCalm}. */
    void baseline() {
        others();
        seedVelocityCalm();
    }

    /** The baseline with the oracle read as given: price, slots behind, read at. */
    void withOracle(String price, long ageSlots, long readAt) {
        others();
        seedVelocityBook("187.07", "187.09", "1.0691", "60000", "55000", NOW - 400);
        seedVelocityOracle(price, ageSlots, readAt);
        seedVelocityFunding("10.95", NOW - 1_800_000);
    }

    JsonNode guards(Map<String, Object> config) throws Exception {
        try (TestApi api = TestApi.start(redis.url(), new TestClock(NOW), config)) {
            return JSON.readTree(api.get("/api/engine/guards").body());
        }
    }

    static JsonNode guard(JsonNode answer, String metric) {
        return answer.get("guards").get(metric);
    }

    @Test
    void theCalmBaselinePassesWithEveryVelocityMetricRead() throws Exception {
        baseline();
        JsonNode answer = guards(Map.of());
        assertEquals(
                "passing", answer.get("status").asText(), answer.get("warnings").toString());
        assertEquals(1.0691, guard(answer, "velocity_spread_bps").get("value").asDouble());
        assertEquals(55000, guard(answer, "velocity_depth_10bps").get("value").asInt());
        assertEquals(2, guard(answer, "velocity_oracle_age_slots").get("value").asInt());
        // (187.08 − 187.05) / 187.05 · 10⁴
        assertEquals(
                1.6038, guard(answer, "velocity_mark_oracle_bps").get("value").asDouble());
        assertEquals(10.95, guard(answer, "velocity_funding_apr").get("value").asDouble());
        assertEquals(0, guard(answer, "basis_velocity_bps").get("value").asDouble(), "the mid is Binance's price");
    }

    /** Each bound at its edge passes; one step past it warns or breaches, with exactly one warning line. */
    @ParameterizedTest
    @CsvSource({
        "spread,       10,    187.07, 187.09, 25000, 187.05, 10, 300,    passing",
        "spread,       10.01, 187.07, 187.09, 25000, 187.05, 10, 300,    warning",
        "depth,        1,     187.07, 187.09, 25000, 187.05, 10, 300,    passing",
        "depth,        1,     187.07, 187.09, 24999, 187.05, 10, 300,    warning",
        "oracle age,   1,     187.07, 187.09, 60000, 187.05, 10, 10.95,  passing",
        "oracle age,   1,     187.07, 187.09, 60000, 187.05, 11, 10.95,  breach",
        "mark-oracle,  1,     187.07, 187.09, 60000, 170.1,  2,  10.95,  passing",
        "mark-oracle,  1,     187.07, 187.09, 60000, 170,    2,  10.95,  breach",
        "funding,      1,     187.07, 187.09, 60000, 187.05, 2,  -300,   passing",
        "funding,      1,     187.07, 187.09, 60000, 187.05, 2,  -300.1, warning",
        "basis,        1,     188,    188.02, 60000, 187.05, 2,  10.95,  passing",
        "basis,        1,     188.02, 188.04, 60000, 187.05, 2,  10.95,  warning"
    })
    void eachVelocityThresholdFlipsTheStatusOnItsOwn(
            String case_,
            String spread,
            String bid,
            String ask,
            String depth,
            String oracle,
            long ageSlots,
            String apr,
            String status)
            throws Exception {
        others();
        seedVelocityBook(bid, ask, spread, depth, "60000", NOW - 400);
        seedVelocityOracle(oracle, ageSlots, NOW - 300);
        seedVelocityFunding(apr, NOW - 1_800_000);
        JsonNode answer = guards(Map.of());
        assertEquals(status, answer.get("status").asText(), case_ + ": " + answer.get("warnings"));
        assertEquals("live", answer.get("data_source").asText());
        assertEquals(
                status.equals("passing") ? 0 : 1,
                answer.get("warnings").size(),
                answer.get("warnings").toString());
    }

    @Test
    void aStalledOracleBreachesWithTheSlotsItLagsAndTheMarkItDriftedFrom() throws Exception {
        withOracle("170", 250, NOW - 300);
        JsonNode answer = guards(Map.of());
        assertEquals("breach", answer.get("status").asText());
        assertEquals(
                "breach",
                guard(answer, "velocity_oracle_age_slots").get("state").asText());
        assertEquals(
                "velocity_oracle_age_slots: the oracle was posted 250 slots ago, above the breach threshold of 10"
                        + " slots",
                guard(answer, "velocity_oracle_age_slots").get("reason").asText());
        assertEquals(
                "breach", guard(answer, "velocity_mark_oracle_bps").get("state").asText());
        assertEquals(
                "velocity_mark_oracle_bps: the mark is 1004.7059 bps from the oracle, beyond the breach threshold of"
                        + " ±1000 bps",
                guard(answer, "velocity_mark_oracle_bps").get("reason").asText());
    }

    @Test
    void anOracleReadingOlderThanItsBudgetIsUnknownNotAnAge() throws Exception {
        withOracle("187.05", 2, NOW - 5_001);
        JsonNode answer = guards(Map.of());
        assertEquals("breach", answer.get("status").asText(), "required for SOL by default: unknown is a breach");
        assertTrue(guard(answer, "velocity_oracle_age_slots").get("required").asBoolean());
        JsonNode oracle = guard(answer, "velocity_oracle_age_slots");
        assertEquals("unknown", oracle.get("state").asText());
        assertTrue(oracle.get("value").isNull());
        assertEquals("stale, 5001 ms old (max 5000 ms)", oracle.get("reason").asText());
        JsonNode gap = guard(answer, "velocity_mark_oracle_bps");
        assertEquals("unknown", gap.get("state").asText(), "no gap against an oracle that cannot be read");
        assertTrue(gap.get("value").isNull());
    }

    @Test
    void byDefaultNoOracleDataIsABreachForAnInstrumentListedOnVelocity() throws Exception {
        others();
        seedVelocityBook("187.07", "187.09", "1.0691", "60000", "55000", NOW - 400);
        JsonNode answer = guards(Map.of());
        assertEquals("breach", answer.get("status").asText());
        assertEquals(
                "no data",
                guard(answer, "velocity_oracle_age_slots").get("reason").asText());
        assertEquals(
                List.of(
                        "price",
                        "spread_bps",
                        "depth_10bps",
                        "liq_events_5m",
                        "velocity_oracle_age_slots",
                        "velocity_mark_oracle_bps"),
                texts(answer.get("required")));
    }

    @Test
    void anExplicitRequiredSetLeavesTheOracleOptional() throws Exception {
        others();
        seedVelocityBook("187.07", "187.09", "1.0691", "60000", "55000", NOW - 400);
        JsonNode answer = guards(Map.of("perpwatch.guard.required", "price,spread_bps,depth_10bps,liq_events_5m"));
        assertEquals(
                "warning", answer.get("status").asText(), answer.get("warnings").toString());
        assertEquals(
                "unknown",
                guard(answer, "velocity_oracle_age_slots").get("state").asText());
    }

    static List<String> texts(JsonNode array) {
        List<String> all = new ArrayList<>();
        array.forEach(n -> all.add(n.asText()));
        return all;
    }

    @Test
    void anUnreadableOracleEntryIsUnknownWithTheReason() throws Exception {
        others();
        seedVelocityBook("187.07", "187.09", "1.0691", "60000", "55000", NOW - 400);
        seedVelocityFunding("10.95", NOW - 1_800_000);
        seeder.add(
                StreamKeys.velocityOracle(SOL),
                Map.of(
                        "symbol", "SOL-PERP",
                        "price", "0",
                        "confidence", "0",
                        "posted_slot", "1",
                        "slot", "2",
                        "ts", Long.toString(NOW - 200),
                        "recv_ts", Long.toString(NOW - 200)),
                NOW - 190);
        JsonNode answer = guards(Map.of());
        JsonNode oracle = guard(answer, "velocity_oracle_age_slots");
        assertEquals("unknown", oracle.get("state").asText());
        assertEquals(
                "latest entry is unreadable (oracle price must be positive, not 0)",
                oracle.get("reason").asText());
        assertEquals("stale", answer.get("data_source").asText());
    }

    @Test
    void theBookAndOracleFarApartInTimeGiveNoGap() throws Exception {
        others();
        seedVelocityBook("187.07", "187.09", "1.0691", "60000", "55000", NOW - 4_000);
        seedVelocityOracle("187.05", 2, NOW - 300);
        seedVelocityFunding("10.95", NOW - 1_800_000);
        JsonNode answer = guards(Map.of());
        JsonNode gap = guard(answer, "velocity_mark_oracle_bps");
        assertEquals("unknown", gap.get("state").asText());
        assertEquals(
                "Velocity mark and Velocity oracle prices are 3700 ms apart (max 2000 ms)",
                gap.get("reason").asText());
    }

    @Test
    void aThresholdChangedByConfigurationMovesTheVerdict() throws Exception {
        withOracle("186", 2, NOW - 300);
        assertEquals("passing", guards(Map.of()).get("status").asText(), "58 bps is inside the protocol's 10 %");
        JsonNode tight = guards(Map.of("perpwatch.guard.velocity.mark.oracle.max.bps", "50"));
        assertEquals(
                "breach", tight.get("status").asText(), tight.get("warnings").toString());
    }

    @Test
    void theCacheDoesNotHideAnOracleThatTurnsStale() throws Exception {
        baseline();
        TestClock clock = new TestClock(NOW);
        try (TestApi api = TestApi.start(redis.url(), clock)) {
            assertEquals(
                    "pass",
                    guard(JSON.readTree(api.get("/api/engine/guards").body()), "velocity_oracle_age_slots")
                            .get("state")
                            .asText());
            clock.advance(4_701);
            JsonNode later = JSON.readTree(api.get("/api/engine/guards").body());
            assertEquals(
                    "unknown",
                    guard(later, "velocity_oracle_age_slots").get("state").asText());
        }
    }
}
