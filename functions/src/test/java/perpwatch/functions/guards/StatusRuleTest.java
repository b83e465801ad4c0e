package perpwatch.functions.guards;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The README's truth table, row by row, on the rule alone (GuardsTruthTableTest runs the same rows through the API).
 */
class StatusRuleTest {
    static final Set<GuardMetric> REQUIRED = Set.of(GuardMetric.PRICE, GuardMetric.SPREAD_BPS);

    static MetricGuard guard(GuardState state, boolean required) {
        return new MetricGuard(state, null, null, null, required, null);
    }

    /**
     * @param required the state of the required metric under test (the other required one passes)
     * @param optional the state of an optional metric (funding_apr)
     */
    @ParameterizedTest(name = "required {0}, optional {1} -> {2}")
    @CsvSource({
        "PASS,    PASS,    PASSING",
        "PASS,    WARN,    WARNING",
        "PASS,    UNKNOWN, WARNING",
        "PASS,    BREACH,  BREACH",
        "WARN,    PASS,    WARNING",
        "WARN,    UNKNOWN, WARNING",
        "BREACH,  PASS,    BREACH",
        "UNKNOWN, PASS,    BREACH",
        "UNKNOWN, WARN,    BREACH",
        "UNKNOWN, UNKNOWN, BREACH",
        "NOT_CONFIGURED, PASS, BREACH",
        "PASS,    NOT_CONFIGURED, PASSING",
        "WARN,    NOT_CONFIGURED, WARNING"
    })
    void truthTable(GuardState required, GuardState optional, GuardStatus expected) {
        Map<GuardMetric, MetricGuard> guards = new EnumMap<>(GuardMetric.class);
        guards.put(GuardMetric.PRICE, guard(GuardState.PASS, true));
        guards.put(GuardMetric.SPREAD_BPS, guard(required, true));
        guards.put(GuardMetric.FUNDING_APR, guard(optional, false));
        assertEquals(expected, StatusRule.status(guards, REQUIRED));
    }

    @ParameterizedTest(name = "a required metric the answer does not carry -> BREACH")
    @CsvSource("PASS")
    void aRequiredMetricThatIsAbsentIsUnknown(GuardState state) {
        Map<GuardMetric, MetricGuard> guards = new EnumMap<>(GuardMetric.class);
        guards.put(GuardMetric.PRICE, guard(state, true));
        assertEquals(GuardStatus.BREACH, StatusRule.status(guards, REQUIRED));
    }
}
