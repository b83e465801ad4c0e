package perpwatch.core.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import perpwatch.core.config.Env;

class DurableLogModeTest {
    @Test
    void kinesisUnlessTurnedOff() {
        assertEquals(DurableLogMode.KINESIS, DurableLogMode.fromEnv(Env.of(Map.of())));
        assertEquals(
                DurableLogMode.KINESIS, DurableLogMode.fromEnv(Env.of(Map.of("PERPWATCH_DURABLE_LOG", "kinesis"))));
        assertEquals(DurableLogMode.OFF, DurableLogMode.fromEnv(Env.of(Map.of("PERPWATCH_DURABLE_LOG", " off "))));
    }

    @Test
    void anyOtherValueFailsWithTheVariableName() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> DurableLogMode.fromEnv(Env.of(Map.of("PERPWATCH_DURABLE_LOG", "Kinesis"))));
        assertEquals("PERPWATCH_DURABLE_LOG must be kinesis or off, not 'Kinesis'", e.getMessage());
    }

    @Test
    void theConfigurationIsThereOnlyWhenTheLogIs() {
        Env on = Env.of(Map.of("PERPWATCH_KINESIS_STREAM", "events"));
        assertEquals("events", DurableLogMode.configFromEnv(on).orElseThrow().stream());
        assertTrue(DurableLogMode.configFromEnv(on.with(Map.of("PERPWATCH_DURABLE_LOG", "off")))
                .isEmpty());
        assertEquals(Optional.empty(), DurableLogMode.configFromEnv(Env.of(Map.of("PERPWATCH_DURABLE_LOG", "off"))));
    }
}
