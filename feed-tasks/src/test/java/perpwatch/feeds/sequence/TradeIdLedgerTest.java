package perpwatch.feeds.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import perpwatch.feeds.sequence.TradeIdLedger.Verdict;

class TradeIdLedgerTest {
    static final long MINUTE = 1_800_000_000_000L / 60_000 * 60_000;

    /**
     * The disconnect storm's 32 lost trades: REST answers a short page while the stream is down; before that page is
     * applied, the stream is back and its first trade opens a gap for the ids published after REST answered. The
     * short page says nothing about those ids: they must stay missing (and be fetched), not be settled as
     * "not at the venue".
     */
    @Test
    void aShortPageDoesNotSettleAGapOpenedAfterItWasAnswered() {
        TradeIdLedger ledger = new TradeIdLedger();
        assertEquals(Verdict.FIRST, ledger.observe(90, MINUTE + 1_000, true));
        ledger.interrupted();
        assertEquals(OptionalLong.of(91), ledger.nextFetchFrom());
        // REST answered fromId=91 with 91..100 (a short page); meanwhile the stream came back and delivered 150.
        ledger.reconnected();
        assertEquals(Verdict.GAP, ledger.observe(150, MINUTE + 5_000, true));
        for (long id = 91; id <= 100; id++) {
            assertEquals(Verdict.FILLED, ledger.observe(id, MINUTE + 2_000, false));
        }
        ledger.settled(91, 100, true);

        assertEquals(49, ledger.missingIds());
        assertEquals(OptionalLong.of(101), ledger.nextFetchFrom());
        assertFalse(ledger.of(MINUTE).complete());

        // The next page has them: now the minute is complete.
        for (long id = 101; id <= 149; id++) {
            assertEquals(Verdict.FILLED, ledger.observe(id, MINUTE + 3_000, false));
        }
        ledger.settled(101, 150, true);
        assertEquals(0, ledger.missingIds());
        assertEquals(OptionalLong.empty(), ledger.nextFetchFrom());
        assertTrue(ledger.of(MINUTE).complete());
    }

    @Test
    void idsAPageSkippedWithinWhatItCoveredDoNotExist() {
        TradeIdLedger ledger = new TradeIdLedger();
        ledger.observe(10, MINUTE + 1_000, true);
        assertEquals(Verdict.GAP, ledger.observe(20, MINUTE + 2_000, true));
        // The venue has 11..14 and 16..20, never 15.
        for (long id = 11; id <= 14; id++) {
            ledger.observe(id, MINUTE + 1_500, false);
        }
        for (long id = 16; id <= 19; id++) {
            ledger.observe(id, MINUTE + 1_500, false);
        }
        ledger.observe(20, MINUTE + 2_000, false);
        ledger.settled(11, 20, true);
        assertEquals(0, ledger.missingIds());
        assertTrue(ledger.of(MINUTE).complete());
    }

    @Test
    void aFullPageSettlesOnlyWhatItCovered() {
        TradeIdLedger ledger = new TradeIdLedger();
        ledger.observe(1, MINUTE + 1_000, true);
        ledger.observe(2_000, MINUTE + 2_000, true);
        for (long id = 2; id <= 1_001; id++) {
            ledger.observe(id, MINUTE + 1_500, false);
        }
        ledger.settled(2, 1_001, false);
        assertEquals(998, ledger.missingIds());
        assertEquals(OptionalLong.of(1_002), ledger.nextFetchFrom());
    }
}
