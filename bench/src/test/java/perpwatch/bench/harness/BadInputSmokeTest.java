package perpwatch.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The harness in CI, on the one scenario whose checks are counts, not timings: a whole local cloud takes 10,000
 * mutated venue frames, 3,000 webhook deliveries and 1,000 RPC answers over 127.0.0.1, refuses and counts each bad
 * one, and keeps writing. It also keeps the harness itself from rotting between full runs.
 */
class BadInputSmokeTest {
    @Test
    void aLocalCloudRefusesAndCountsMutatedInputOnEveryWireAndKeepsWriting() throws Exception {
        // The durable log adds nothing to this scenario and the emulator's startup to the test.
        List<Scenario.Result> results = HardeningHarness.runAgainstCloud(
                List.of(new BadInputScenario()), 0.2, Map.of("PERPWATCH_DURABLE_LOG", "off"));
        assertEquals(1, results.size());
        assertTrue(results.get(0).passed(), results.get(0).markdown());
    }
}
