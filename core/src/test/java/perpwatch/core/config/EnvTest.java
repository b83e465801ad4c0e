package perpwatch.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {
    @Test
    void durationsTakeUnits() {
        Env env = Env.of(Map.of("A", "500ms", "B", "30s", "C", "5m", "D", "1h", "E", "1500"));
        assertEquals(Duration.ofMillis(500), env.duration("A", null));
        assertEquals(Duration.ofSeconds(30), env.duration("B", null));
        assertEquals(Duration.ofMinutes(5), env.duration("C", null));
        assertEquals(Duration.ofHours(1), env.duration("D", null));
        assertEquals(Duration.ofMillis(1500), env.duration("E", null));
        assertEquals(Duration.ofSeconds(9), env.duration("MISSING", Duration.ofSeconds(9)));
    }

    @Test
    void durationsTakeDays() {
        Env env = Env.of(Map.of("TTL", "7d", "UPPER", "2D"));
        assertEquals(Duration.ofDays(7), env.duration("TTL", null));
        assertEquals(Duration.ofHours(48), env.duration("UPPER", null));
        assertEquals(Duration.ofDays(1), Env.parseDuration("1d"));
    }

    @Test
    void badValuesNameTheVariable() {
        Env env = Env.of(Map.of("N", "ten", "T", "5 parsecs"));
        assertEquals(
                "N: expected an integer, got 'ten'",
                assertThrows(IllegalArgumentException.class, () -> env.integer("N", 1))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> env.duration("T", null));
        assertEquals(
                "W: expected a duration like 500ms, 30s, 5m, 1h or 7d, got '2w'",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> Env.of(Map.of("W", "2w")).duration("W", null))
                        .getMessage());
    }
}
