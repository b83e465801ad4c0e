package perpwatch.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import perpwatch.core.config.Env;

class FeedConfigTest {
    @Test
    void eachVariableLandsInItsOwnPart() {
        FeedConfig config = FeedConfig.fromEnv(Env.of(Map.of(
                "PERPWATCH_DURABLE_LOG", "off",
                "PERPWATCH_FUNDING_POLL", "30s",
                "PERPWATCH_REST_TIMEOUT", "3s",
                "PERPWATCH_DRIFT_SCAN_INTERVAL", "1d",
                "PERPWATCH_REDIS_BACKLOG", "7",
                "PERPWATCH_LOG_BACKLOG", "9")));
        assertEquals(Duration.ofSeconds(30), config.fundingPoll());
        assertEquals(Duration.ofSeconds(3), config.restTimeout());
        assertEquals(Duration.ofDays(1), config.driftScanInterval());
        assertEquals(Duration.ofSeconds(10), config.barCloseSilence());
        assertEquals(Duration.ofMinutes(1430), config.binanceMaxConnAge());
        assertEquals(7, config.redisBacklog());
        assertEquals(9, config.logBacklog());
        assertTrue(config.durableLog().isEmpty());
    }

    @Test
    void theDurableLogIsKinesisUnlessTurnedOff() {
        FeedConfig config = FeedConfig.fromEnv(Env.of(Map.of("PERPWATCH_KINESIS_STREAM", "events")));
        assertEquals("events", config.durableLog().orElseThrow().stream());
    }

    @Test
    void aBuilderMissingAPartNamesIt() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> FeedConfig.builder().build());
        assertEquals("FeedConfig.redis is not set", e.getMessage());
    }
}
