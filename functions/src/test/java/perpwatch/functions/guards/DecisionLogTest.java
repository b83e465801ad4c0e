package perpwatch.functions.guards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import perpwatch.core.stream.StreamEntry;
import perpwatch.core.stream.StreamKeys;
import perpwatch.functions.TestApi;
import perpwatch.functions.TestClock;

/** The decision log: every change of status, a breach at most once a second, read back by the history route. */
class DecisionLogTest extends GuardsTestBase {

    @Test
    void statusChangesAndBreachesAtMostOnceASecondAreRecordedAndServed() throws Exception {
        seed(NOW - 800, NOW - 90_000);
        seedBook("1.0691", "250000.5", "198000", NOW - 400);
        seedFundingAndBasis("10.95", "187.11", NOW - 1_500);
        seedLiquidations(NOW - 200_000);
        TestClock clock = new TestClock(NOW);
        // Answers reused for at most 100 ms, so each step below computes a new one.
        try (TestApi api = TestApi.start(redis.url(), clock, java.util.Map.of("perpwatch.guard.cache", "100ms"))) {
            List<String> statuses = new ArrayList<>();
            statuses.add(status(api)); // passing: recorded (first answer)
            clock.advance(4_700); // the book turns stale at +4,600 ms: breach, recorded
            statuses.add(status(api));
            clock.advance(500); // still breach, within the second: not recorded
            statuses.add(status(api));
            clock.advance(600); // breach again, a second after the last one recorded
            statuses.add(status(api));
            assertEquals(List.of("passing", "breach", "breach", "breach"), statuses);
            assertTrue(api.context.getBean(DecisionLog.class).drain(5_000));

            List<StreamEntry> entries = streams.range(StreamKeys.guardDecisions(SOL), 0, Long.MAX_VALUE, 100);
            assertEquals(
                    List.of("passing", "breach", "breach"),
                    entries.stream().map(e -> e.field("status")).toList());
            StreamEntry breach = entries.get(1);
            assertEquals(Long.toString(NOW + 4_700), breach.field("ts"));
            JsonNode ages = JSON.readTree(breach.field("ages"));
            assertEquals(5_100, ages.get("spread_bps").asLong(), "each input's age is on record");
            assertTrue(
                    containsText(
                            JSON.readTree(breach.field("warnings")),
                            "spread_bps, depth_10bps: stale, 5100 ms old (max 5000 ms)"),
                    breach.field("warnings"));
            assertEquals(
                    "unknown",
                    JSON.readTree(breach.field("states")).get("spread_bps").asText());

            HttpResponse<String> response = api.get("/api/engine/guards/history?hours=1");
            assertEquals(200, response.statusCode());
            JsonNode history = JSON.readTree(response.body());
            assertEquals(3, history.get("decisions").size());
            JsonNode thresholds =
                    JSON.readTree(api.get("/api/engine/thresholds").body());
            for (JsonNode decision : history.get("decisions")) {
                assertEquals(
                        thresholds.get("version").asText(),
                        decision.get("thresholds_version").asText());
            }
            assertEquals(
                    List.of(1L, 2L, 4L),
                    List.of(
                            history.get("decisions").get(0).get("seq").asLong(),
                            history.get("decisions").get(1).get("seq").asLong(),
                            history.get("decisions").get(2).get("seq").asLong()));

            JsonNode limited = JSON.readTree(
                    api.get("/api/engine/guards/history?hours=1&limit=2").body());
            assertEquals(2, limited.get("decisions").size());
            assertTrue(limited.get("truncated").asBoolean(), "the newest two of three");
            assertEquals(4, limited.get("decisions").get(1).get("seq").asLong());
        }
    }

    @Test
    void badHistoryParametersAre400sNamingTheParameter() throws Exception {
        try (TestApi api = TestApi.start(redis.url(), NOW)) {
            for (String query : List.of("hours=0", "hours=721", "hours=x", "limit=0", "limit=10001", "symbol=DOGE")) {
                HttpResponse<String> response = api.get("/api/engine/guards/history?" + query);
                assertEquals(400, response.statusCode(), query);
                assertEquals(
                        query.substring(0, query.indexOf('=')),
                        JSON.readTree(response.body()).get("parameter").asText(),
                        query);
            }
        }
    }

    @Test
    void aDecisionWithAStatusOutsideTheEnumIsCountedUnreadableNotServed() throws Exception {
        streams.add(StreamKeys.guardDecisions(SOL), decision("7", "breach", "stale"), NOW);
        streams.add(StreamKeys.guardDecisions(SOL), decision("8", "maybe", "live"), NOW);
        streams.add(StreamKeys.guardDecisions(SOL), decision("9", "passing", "somewhere"), NOW);
        try (TestApi api = TestApi.start(redis.url(), NOW)) {
            JsonNode history =
                    JSON.readTree(api.get("/api/engine/guards/history?hours=1").body());
            assertEquals(1, history.get("decisions").size());
            assertEquals(2, history.get("unreadable").asInt());
            JsonNode served = history.get("decisions").get(0);
            assertEquals("breach", served.get("status").asText());
            assertEquals("stale", served.get("data_source").asText());
        }
    }

    private static Map<String, String> decision(String seq, String status, String dataSource) {
        return Map.of(
                "ts", Long.toString(NOW),
                "seq", seq,
                "instance", "i-1",
                "status", status,
                "data_source", dataSource,
                "warnings", "[]",
                "ages", "{}",
                "states", "{}",
                "thresholds_version", "v1");
    }

    private static String status(TestApi api) throws Exception {
        return JSON.readTree(api.get("/api/engine/guards").body()).get("status").asText();
    }
}
