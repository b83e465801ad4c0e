package perpwatch.local.onchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import perpwatch.feeds.onchain.ProgramProfile;
import perpwatch.feeds.onchain.scan.BadInput;
import perpwatch.feeds.onchain.scan.DriftLiqMapScanner;
import perpwatch.feeds.onchain.scan.LiqMap;
import perpwatch.feeds.onchain.scan.MapState;
import perpwatch.feeds.onchain.scan.ScanRefusedException;
import perpwatch.feeds.solana.SolanaRpcException;
import perpwatch.local.sim.solana.SolanaRpcSimulator;
import perpwatch.local.sim.solana.VelocityPopulation;

/**
 * Bad input from the node, each counted by kind and never crashing the scan or publishing a partial map as complete:
 * a few bad accounts are counted and the map says so; many are refused; an unreadable State or a corrupt oracle
 * turns the map stale with the reason.
 */
class OnchainBadInputTest {
    static final int USERS = 3_000;

    static DriftLiqMapScanner scanner(SolanaRpcSimulator sim) {
        return new DriftLiqMapScanner(OnchainRig.client(sim), ProgramProfile.VELOCITY, 0, System::currentTimeMillis);
    }

    static SolanaRpcSimulator sim() throws Exception {
        return SolanaRpcSimulator.start(new VelocityPopulation(USERS, 7, 150_000_000L));
    }

    @Test
    void accountsOfUnknownSizeAndShortAccountsAreCountedByKindNeverGuessedAt() throws Exception {
        try (SolanaRpcSimulator sim = sim()) {
            Set<String> grown = Set.of(sim.population().userPubkey(3));
            Set<String> cut = Set.of(sim.population().userPubkey(4));
            sim.alterAccounts((pubkey, data) -> grown.contains(pubkey)
                    ? Arrays.copyOf(data, data.length + 64)
                    : cut.contains(pubkey) ? Arrays.copyOf(data, 3_000) : data);
            DriftLiqMapScanner scanner = scanner(sim);
            LiqMap map = scanner.scan();
            assertEquals(USERS - 2, map.accounts() - map.undecodable(), "two counted, the rest read");
            assertEquals(2, map.undecodable());
            assertEquals(1, scanner.badInput().count(BadInput.Kind.UNKNOWN_ACCOUNT_SIZE));
            assertEquals(1, scanner.badInput().count(BadInput.Kind.SHORT_ACCOUNT));
            assertTrue(map.positions().stream()
                    .noneMatch(p -> grown.contains(p.userPubkey()) || cut.contains(p.userPubkey())));

            // Every tenth account grown: far more than 0.1 %, so the scan is refused, not published as complete.
            sim.alterAccounts((pubkey, data) -> pubkey.hashCode() % 10 == 0 ? Arrays.copyOf(data, 5_000) : data);
            assertThrows(ScanRefusedException.class, scanner::scan);
        }
    }

    @Test
    void corruptZstdFramesAreCountedAndTooManyAreRefused() throws Exception {
        try (SolanaRpcSimulator sim = sim()) {
            DriftLiqMapScanner scanner = scanner(sim);
            sim.corruptZstdFrames(2);
            LiqMap map = scanner.scan();
            assertEquals(2, map.undecodable());
            assertEquals(2, scanner.badInput().count(BadInput.Kind.RPC_BODY));
            sim.corruptZstdFrames(300);
            assertThrows(ScanRefusedException.class, scanner::scan);
        }
    }

    @Test
    void aBodyCutOffEveryTimeFailsTheScanAndIsCounted() throws Exception {
        try (SolanaRpcSimulator sim = sim()) {
            DriftLiqMapScanner scanner = scanner(sim);
            sim.truncateNext(100);
            assertThrows(SolanaRpcException.class, scanner::scan);
            assertTrue(scanner.badInput().count(BadInput.Kind.RPC_BODY) > 0);
            sim.truncateNext(0);
            assertEquals(MapState.LIVE, scanner.scan().freshness().state(), "the next clean answer is live");
        }
    }

    @Test
    void aUserAnswerWithoutResultIsRefusedNotReadAsNoAccounts() throws Exception {
        try (SolanaRpcSimulator sim = sim()) {
            // Only the User answer (its accounts are 4,560 bytes) loses its result; State, markets and oracles answer.
            sim.mutateNext(
                    50, body -> body.contains("\"space\":4560") ? body.replace("\"result\":", "\"resolt\":") : body);
            ScanRefusedException e = assertThrows(ScanRefusedException.class, scanner(sim)::scan);
            assertTrue(e.getMessage().contains("no result"), e.getMessage());
            sim.mutateNext(0, body -> body);
        }
    }

    @Test
    void anUnreadableStateMakesTheMapStaleNeverLive() throws Exception {
        try (SolanaRpcSimulator sim = sim()) {
            String state = sim.population().statePubkey();
            sim.alterAccounts((pubkey, data) -> pubkey.equals(state) ? Arrays.copyOf(data, 100) : data);
            DriftLiqMapScanner scanner = scanner(sim);
            LiqMap map = scanner.scan();
            assertEquals(MapState.STALE, map.freshness().state());
            assertTrue(
                    map.freshness().reason().contains("exchange status unknown"),
                    map.freshness().reason());
            assertEquals(1, scanner.badInput().count(BadInput.Kind.STATE_UNREADABLE));
            assertEquals(null, map.exchange());
        }
    }

    @Test
    void anOracleExponentOutOfRangeIsCountedAndItsMarketNamedWithWhatStoodIn() throws Exception {
        try (SolanaRpcSimulator sim = sim()) {
            VelocityPopulation pop = (VelocityPopulation) sim.population();
            sim.alterAccounts((pubkey, data) -> {
                if (!pubkey.equals(pop.usdtOracle())) {
                    return data;
                }
                byte[] bad = data.clone();
                ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt(32, -4_000);
                return bad;
            });
            DriftLiqMapScanner scanner = scanner(sim);
            LiqMap map = scanner.scan();
            assertEquals(1, scanner.badInput().count(BadInput.Kind.ORACLE_EXPONENT));
            assertEquals(MapState.STALE, map.freshness().state(), "collateral priced without its oracle");
            String note = String.join(" ", map.freshness().notes());
            assertTrue(note.contains(pop.usdtOracle()) && note.contains("USDT"), note);

            // The market's own oracle unreadable, and Velocity has no cached price: no map at all, not a guessed one.
            sim.alterAccounts((pubkey, data) -> pubkey.equals(pop.solOracle()) ? Arrays.copyOf(data, 20) : data);
            IllegalStateException e = assertThrows(IllegalStateException.class, scanner::scan);
            assertTrue(e.getMessage().contains("SOL-PERP"), e.getMessage());
        }
    }
}
