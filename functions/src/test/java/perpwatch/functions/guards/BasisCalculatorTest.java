package perpwatch.functions.guards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BasisCalculatorTest {
    static final long NOW = 1_764_000_000_000L;
    final BasisCalculator calculator =
            new BasisCalculator(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(2));

    static Optional<PricePoint> usdc(String price, long ts) {
        return Optional.of(new PricePoint("okx SOL-USDC-SWAP", new BigDecimal(price), ts));
    }

    static Optional<PricePoint> usdt(String price, long ts) {
        return Optional.of(new PricePoint("binance SOLUSDT", new BigDecimal(price), ts));
    }

    @Test
    void basisIsUsdcOverUsdtInBasisPointsOfTheUsdtPrice() {
        // (150.15 − 150) / 150 · 10⁴ = 10 bps exactly; the older side (NOW−1500) sets the age.
        BasisReading reading = calculator.compute(usdc("150.15", NOW - 1_500), usdt("150", NOW - 200), NOW);
        assertEquals(0, new BigDecimal("10").compareTo(reading.bps()));
        assertEquals(1_500L, reading.ageMs());
        assertEquals(3_500L, reading.headroomMs());
        assertNull(reading.problem());
    }

    @Test
    void aMissingSideIsNoBasisNeverZero() {
        BasisReading reading = calculator.compute(Optional.empty(), usdt("150", NOW), NOW);
        assertNull(reading.bps());
        assertNull(reading.ageMs());
        assertEquals("no USDC price", reading.problem());
        assertEquals(
                "no USDT price",
                calculator.compute(usdc("150", NOW), Optional.empty(), NOW).problem());
    }

    @Test
    void aSideOlderThanFiveSecondsIsNoBasis() {
        BasisReading reading = calculator.compute(usdc("150", NOW - 5_001), usdt("150", NOW - 5_000), NOW);
        assertNull(reading.bps());
        assertEquals("okx SOL-USDC-SWAP price stale, 5001 ms old (max 5000 ms)", reading.problem());
        assertEquals(5_001L, reading.ageMs());
    }

    @Test
    void sidesMoreThanTwoSecondsApartAreNoBasisButExactlyTwoIsFine() {
        assertEquals(
                "USDC and USDT prices are 2001 ms apart (max 2000 ms)",
                calculator
                        .compute(usdc("150", NOW - 2_001), usdt("150", NOW), NOW)
                        .problem());
        BasisReading edge = calculator.compute(usdc("150", NOW), usdt("150", NOW - 2_000), NOW);
        assertEquals(BigDecimal.ZERO, edge.bps(), "equal prices are a real zero basis");
    }
}
