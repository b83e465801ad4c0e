package perpwatch.bench.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import perpwatch.core.testing.Fixtures;
import perpwatch.feeds.binance.BinanceFrame;
import perpwatch.feeds.binance.book.BinanceDepthParser;
import perpwatch.feeds.binance.book.BookSynchronizer;
import perpwatch.feeds.binance.book.OrderBook;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.onchain.DriftUser;
import perpwatch.feeds.onchain.ProgramProfile;

/** The peers bench's repeated inputs keep what both sides rely on: rising ids and times, an unbroken pu chain. */
class PeerInputsTest {
    private static final PeerInputs INPUTS = build();

    private static PeerInputs build() {
        try {
            return PeerInputs.build(Fixtures.dir(), 3, 3);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void repeatedTradesKeepIdsAndTimesRising() {
        List<String> frames = INPUTS.aggTrades;
        assertEquals(120, frames.size());
        for (int i = 1; i < frames.size(); i++) {
            String before = frames.get(i - 1);
            String after = frames.get(i);
            assertTrue(PeerInputs.field(after, "a") > PeerInputs.field(before, "a"), "a at " + i);
            assertTrue(PeerInputs.field(after, "f") > PeerInputs.field(before, "l"), "f at " + i);
            assertTrue(PeerInputs.field(after, "T") >= PeerInputs.field(before, "T"), "T at " + i);
        }
    }

    @Test
    void repeatedDepthFramesChainAndSyncPerpwatchsBook() throws Exception {
        List<String> frames = INPUTS.depthFrames;
        assertEquals(3 * 252, frames.size());
        for (int i = 1; i < frames.size(); i++) {
            assertEquals(PeerInputs.field(frames.get(i - 1), "u"), PeerInputs.field(frames.get(i), "pu"), "pu at " + i);
        }
        BinanceDepthParser parser = new BinanceDepthParser();
        BookSynchronizer sync =
                new BookSynchronizer("test", "SUSHIUSDT", new OrderBook(5_000, 10), 1_000, new FeedCounters());
        sync.onUpdate(((BinanceFrame.DepthDiff) parser.parseFrame(frames.get(0), 0)).update());
        sync.onSnapshot(parser.parseSnapshot(INPUTS.depthSnapshot));
        for (String frame : frames.subList(1, frames.size())) {
            sync.onUpdate(((BinanceFrame.DepthDiff) parser.parseFrame(frame, 0)).update());
        }
        assertEquals(BookSynchronizer.State.SYNCED, sync.state());
        assertEquals(PeerInputs.field(frames.get(frames.size() - 1), "u"), sync.lastFinalId());
    }

    @Test
    void velocityAccountsHoldTheDriftUsersPositions() {
        assertEquals(100, INPUTS.velocityUsers.size());
        for (int i = 0; i < INPUTS.driftUsers.size(); i++) {
            DriftUser drift = ProgramProfile.DRIFT_V2.decoders().user(INPUTS.driftUsers.get(i));
            DriftUser velocity = ProgramProfile.VELOCITY.decoders().user(INPUTS.velocityUsers.get(i));
            assertEquals(drift.authority(), velocity.authority());
            assertEquals(drift.perpPositions().size(), velocity.perpPositions().size(), "user " + i);
            for (int p = 0; p < drift.perpPositions().size(); p++) {
                assertEquals(
                        drift.perpPositions().get(p).baseAssetAmount(),
                        velocity.perpPositions().get(p).baseAssetAmount());
            }
        }
    }
}
