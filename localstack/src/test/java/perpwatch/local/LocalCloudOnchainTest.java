package perpwatch.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import perpwatch.core.config.Env;
import perpwatch.local.net.FreePorts;
import perpwatch.local.testing.Await;

/**
 * The whole local cloud, as {@code ./perpwatch local} starts it, for each on-chain profile: by default it serves and
 * scans Velocity and the API's map reads live; with {@code PERPWATCH_ONCHAIN_PROGRAM=drift-v2} it serves the paused
 * Drift program and the map reads frozen.
 */
class LocalCloudOnchainTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void byDefaultTheLocalCloudShowsTheVelocityMapLive() throws Exception {
        JsonNode map = firstMap(Map.of("PERPWATCH_DURABLE_LOG", "off"));
        assertEquals("velocity", map.path("program").asText());
        assertEquals("live", map.path("state").asText(), map.path("reason").asText());
        assertEquals(200_000, map.path("accounts").asInt());
        assertTrue(map.path("matched").asInt() > 0);
    }

    @Test
    void withTheDriftProfileTheLocalCloudShowsThePausedProgramFrozen() throws Exception {
        JsonNode map = firstMap(Map.of("PERPWATCH_DURABLE_LOG", "off", "PERPWATCH_ONCHAIN_PROGRAM", "drift-v2"));
        assertEquals("drift-v2", map.path("program").asText());
        assertEquals("frozen", map.path("state").asText());
        assertTrue(
                map.path("reason").asText().contains("paused"),
                map.path("reason").asText());
    }

    private static JsonNode firstMap(Map<String, String> env) throws Exception {
        Path fixtures = Path.of(System.getProperty("perpwatch.fixtures", "../../shared/fixtures"));
        try (LocalCloud cloud = new LocalCloud()) {
            cloud.start(
                    new LocalCloudOptions(LocalCloudOptions.Mode.SYNTHETIC, FreePorts.any(), FreePorts.any(), fixtures),
                    Env.of(env));
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create(cloud.apiUrl() + "/api/onchain/liq-map?limit=1");
            JsonNode[] answer = new JsonNode[1];
            // 200,000 simulated accounts, while every other feed starts, on a shared machine: minutes, not seconds.
            Await.until(
                    "the first on-chain scan",
                    Duration.ofMinutes(4),
                    () -> {
                        try {
                            HttpResponse<String> r = http.send(
                                    HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 200) {
                                answer[0] = JSON.readTree(r.body());
                                return true;
                            }
                            Thread.sleep(1_000);
                            return false;
                        } catch (Exception e) {
                            return false;
                        }
                    },
                    () -> "");
            return answer[0];
        }
    }
}
