package perpwatch.feeds.onchain.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import perpwatch.feeds.onchain.ExchangeStatus;
import perpwatch.feeds.onchain.OracleDecoder;
import perpwatch.feeds.onchain.OracleKey;
import perpwatch.feeds.onchain.OraclePrice;

class FreshnessJudgeTest {
    static final long NOW = 470_000_000L;
    static final ExchangeStatus RUNNING = new ExchangeStatus(0);
    final FreshnessJudge judge = new FreshnessJudge(150);

    static OraclePrice at(long slot) {
        return new OraclePrice(150_000_000L, 0, slot, OraclePrice.Source.ORACLE_ACCOUNT);
    }

    static Map<OracleKey, OraclePrice> oracles(long solSlot, long usdtSlot) {
        return Map.of(
                new OracleKey("sol", OracleDecoder.PYTH_LAZER), at(solSlot),
                new OracleKey("usdt", OracleDecoder.PYTH_LAZER_STABLE_COIN), at(usdtSlot));
    }

    @Test
    void freshOraclesOnARunningProgramAreLive() {
        Freshness f = judge.judge(RUNNING, "", NOW, "SOL-PERP", at(NOW - 2), oracles(NOW - 2, NOW - 150), List.of());
        assertEquals(MapState.LIVE, f.state());
        assertEquals(150, f.oracleLagSlots(), "the oldest oracle's lag, at the budget: still live");
    }

    @Test
    void anyOracleBeyondTheBudgetIsStaleAndNamed() {
        Freshness f = judge.judge(RUNNING, "", NOW, "SOL-PERP", at(NOW - 2), oracles(NOW - 2, NOW - 151), List.of());
        assertEquals(MapState.STALE, f.state());
        assertTrue(f.reason().contains("usdt is 151 slots behind"), f.reason());
    }

    @Test
    void pausedFillsOrLiquidationsAreFrozenWhateverTheOraclesSay() {
        for (int bits : new int[] {ExchangeStatus.FILL_PAUSED, ExchangeStatus.LIQ_PAUSED, 0xff}) {
            Freshness f =
                    judge.judge(new ExchangeStatus(bits), "", NOW, "SOL-PERP", at(NOW), oracles(NOW, NOW), List.of());
            assertEquals(MapState.FROZEN, f.state(), "bits " + bits);
            assertTrue(f.reason().contains("paused"));
        }
        Freshness depositsOnly = judge.judge(
                new ExchangeStatus(ExchangeStatus.DEPOSIT_PAUSED),
                "",
                NOW,
                "SOL-PERP",
                at(NOW),
                oracles(NOW, NOW),
                List.of());
        assertEquals(MapState.LIVE, depositsOnly.state(), "positions still trade and liquidate");
    }

    @Test
    void whatCannotBeConfirmedIsStaleWithEveryReason() {
        Freshness f = judge.judge(
                null,
                "the node served no State account",
                -1,
                "SOL-PERP",
                new OraclePrice(150_000_000L, 0, 0, OraclePrice.Source.MARKET_CACHE),
                Map.of(),
                List.of("oracle x of SOL-PERP not decoded (short): SOL-PERP's cached price 150000000 stood in"));
        assertEquals(MapState.STALE, f.state());
        assertTrue(f.reason().contains("exchange status unknown: the node served no State account"), f.reason());
        assertTrue(f.reason().contains("current slot is unknown"), f.reason());
        assertTrue(f.reason().contains("cached price"), f.reason());
    }

    @Test
    void theQuoteAssetHasNoSlotToAge() {
        Map<OracleKey, OraclePrice> prices = Map.of(
                new OracleKey("sol", OracleDecoder.PYTH_LAZER), at(NOW - 1),
                new OracleKey("usdc", OracleDecoder.QUOTE_ASSET), at(0));
        assertEquals(
                MapState.LIVE,
                judge.judge(RUNNING, "", NOW, "SOL-PERP", at(NOW - 1), prices, List.of())
                        .state());
    }

    @Test
    void aNonLiveVerdictMustSayWhy() {
        assertThrows(IllegalArgumentException.class, () -> new Freshness(MapState.STALE, "", NOW, 0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new FreshnessJudge(0));
    }
}
