package perpwatch.core.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class FundingRatesTest {
    @Test
    void eightHourIntervalIsRateTimesThreeTimes365() {
        // 0.0001 × 3 × 365 × 100 = 10.95 %
        assertEquals(new BigDecimal("10.95"), FundingRates.aprPercent(new BigDecimal("0.0001"), 8));
        assertEquals(new BigDecimal("0.0001"), FundingRates.eightHourRate(new BigDecimal("0.0001"), 8));
    }

    @Test
    void fourHourIntervalPaysTwiceAsOften() {
        // 0.0001 × 6 × 365 × 100 = 21.9 %, and the same rate every 4 h is 0.0002 per 8 h
        assertEquals(new BigDecimal("21.9"), FundingRates.aprPercent(new BigDecimal("0.0001"), 4));
        assertEquals(new BigDecimal("0.0002"), FundingRates.eightHourRate(new BigDecimal("0.0001"), 4));
        assertEquals(new BigDecimal("-87.6"), FundingRates.aprPercent(new BigDecimal("-0.0001"), 1));
    }

    @Test
    void aNonPositiveIntervalIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> FundingRates.aprPercent(BigDecimal.ONE, 0));
    }
}
