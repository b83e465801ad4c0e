package perpwatch.feeds.onchain.scan;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PopulationGuardTest {
    @Test
    void zeroAccountsAndAPopulationThatHalvedAreRefused() {
        PopulationGuard guard = new PopulationGuard();
        assertThrows(ScanRefusedException.class, () -> guard.check(0));
        assertDoesNotThrow(() -> guard.check(200_000));
        assertThrows(ScanRefusedException.class, () -> guard.check(99_999), "fewer than half of 200,000");
        assertDoesNotThrow(() -> guard.check(100_000), "the refused scan did not become the baseline");
        assertDoesNotThrow(() -> guard.check(60_000));
    }

    @Test
    void aBaselineFromTheLastPublishedMapHoldsAfterARestartButNeverReplacesAnAcceptedScan() {
        PopulationGuard guard = new PopulationGuard();
        guard.seed(200_000);
        assertThrows(ScanRefusedException.class, () -> guard.check(50_000), "a capped answer right after a restart");
        assertDoesNotThrow(() -> guard.check(190_000));
        guard.seed(1_000_000);
        assertDoesNotThrow(() -> guard.check(100_000), "the accepted scan stays the baseline, not a later seed");
    }
}
