package perpwatch.feeds.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import perpwatch.feeds.sequence.TradeIdSequencer.Verdict;

class TradeIdSequencerTest {
    @Test
    void duplicatesAndGapsAfterAReconnect() {
        TradeIdSequencer s = new TradeIdSequencer();
        assertEquals(Verdict.FIRST, s.check(100));
        assertEquals(Verdict.NEXT, s.check(101));
        assertEquals(Verdict.DUPLICATE, s.check(101));
        assertEquals(Verdict.DUPLICATE, s.check(99));
        assertEquals(Verdict.GAP, s.check(105));
        assertEquals(3, s.lastGapSize());
        assertEquals(Verdict.NEXT, s.check(106));
        assertEquals(2, s.duplicates());
        assertEquals(1, s.gaps());
        assertEquals(3, s.missingIds());
    }

    @Test
    void resumingAfterAWrittenBarTreatsReplayedIdsAsDuplicates() {
        TradeIdSequencer s = new TradeIdSequencer();
        s.resumeAfter(500);
        assertEquals(Verdict.DUPLICATE, s.check(500));
        assertEquals(Verdict.NEXT, s.check(501));
    }
}
