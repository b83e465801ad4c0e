package perpwatch.local.onchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import perpwatch.archive.ParquetBytes;
import perpwatch.archive.S3ArchiveStore;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamKeys;
import perpwatch.core.testing.TestRedis;
import perpwatch.feeds.onchain.DriftUser;
import perpwatch.feeds.onchain.LiqPosition;
import perpwatch.feeds.onchain.LiquidationPriceCalculator;
import perpwatch.feeds.onchain.MarketContext;
import perpwatch.feeds.onchain.OracleDecoder;
import perpwatch.feeds.onchain.OracleKey;
import perpwatch.feeds.onchain.OraclePrice;
import perpwatch.feeds.onchain.PerpMarketAccount;
import perpwatch.feeds.onchain.ProgramProfile;
import perpwatch.feeds.onchain.SpotMarketAccount;
import perpwatch.feeds.onchain.VelocityAccountEncoder;
import perpwatch.feeds.onchain.scan.ArchiveTarget;
import perpwatch.feeds.onchain.scan.DriftLiqMapScanner;
import perpwatch.feeds.onchain.scan.LiqMap;
import perpwatch.feeds.onchain.scan.LiqMapArchive;
import perpwatch.feeds.onchain.scan.LiqMapPublisher;
import perpwatch.feeds.onchain.scan.MapState;
import perpwatch.functions.webhook.OnchainProgram;
import perpwatch.local.archive.LocalS3;
import perpwatch.local.sim.solana.DriftPopulation;
import perpwatch.local.sim.solana.SolanaRpcSimulator;
import perpwatch.local.sim.solana.VelocityPopulation;

/**
 * Both profiles end to end over the wire: the Solana simulator on 127.0.0.1 → scan → Parquet in S3 → Redis → GET
 * /api/onchain/liq-map. Velocity reads live with every position the accounts hold (both User layouts); the paused Drift
 * v2 reads frozen; a Velocity oracle that stops being posted turns the map stale, with the reason.
 */
class OnchainProfilesEndToEndTest {
    static final int USERS = 3_000;

    @Test
    void velocityIsScannedInItsOwnLayoutsAndServedLive() throws Exception {
        VelocityPopulation pop = new VelocityPopulation(USERS, 7, 150_000_000L);
        try (SolanaRpcSimulator sim = SolanaRpcSimulator.start(pop);
                TestRedis redis = TestRedis.start();
                RedisStreams streams = new RedisStreams(redis.config());
                OnchainRig api = OnchainRig.api(redis.url())) {
            LiqMap map = new DriftLiqMapScanner(
                            OnchainRig.client(sim), ProgramProfile.VELOCITY, 0, System::currentTimeMillis)
                    .scan();
            assertEquals(MapState.LIVE, map.freshness().state(), map.freshness().reason());
            assertEquals(USERS, map.accounts());
            assertEquals(0, map.undecodable());
            assertEquals(0, map.exchange().bits());
            assertTrue(map.freshness().oracleLagSlots() >= 0 && map.freshness().oracleLagSlots() < 150);
            Map<String, LiqPosition> expected = expected(pop);
            assertEquals(expected.size(), map.positions().size());
            for (LiqPosition p : map.positions()) {
                assertEquals(expected.get(p.userPubkey()), p, "position of " + p.userPubkey());
            }
            Set<String> older = new HashSet<>();
            for (int i = 0; i < USERS; i++) {
                if (pop.userSize(i) == VelocityAccountEncoder.USER_OLDER) {
                    older.add(pop.userPubkey(i));
                }
            }
            assertTrue(
                    map.positions().stream().anyMatch(p -> older.contains(p.userPubkey())),
                    "accounts still in the 4,496-byte layout are read too");
            assertTrue(map.positions().stream().anyMatch(p -> p.side().equals("long")));
            assertTrue(map.positions().stream().anyMatch(p -> p.side().equals("short")));
            assertTrue(map.withLiqPrice() > map.positions().size() / 2, "most positions have a liquidation price");

            // The archive: the same scan as Parquet in S3 (S3Proxy), under its own key and as latest.
            try (LocalS3 s3 = LocalS3.start("onchain-archive");
                    LiqMapArchive archive = LiqMapArchive.create(
                            new ArchiveTarget("onchain-archive", "us-east-1", Optional.of(s3.endpoint())));
                    S3ArchiveStore reader = S3ArchiveStore.create(
                            "onchain-archive", "us-east-1", Optional.of(s3.endpoint()), Optional.empty())) {
                String key = archive.store(map);
                List<GenericRecord> rows = ParquetBytes.read(reader.get(key).orElseThrow());
                assertEquals(map.positions().size(), rows.size());
                for (int i = 0; i < rows.size(); i++) {
                    assertEquals(
                            map.positions().get(i).userPubkey(),
                            rows.get(i).get("user_pubkey").toString());
                }
            }

            new LiqMapPublisher(streams).publish(map);
            JsonNode served = api.liqMap();
            assertEquals("live", served.path("state").asText());
            assertEquals("velocity", served.path("program").asText());
            assertEquals(map.positions().size(), served.path("matched").asInt());
            assertEquals(
                    "live",
                    streams.last(StreamKeys.driftLiqMap())
                            .orElseThrow()
                            .fields()
                            .get("state"));
        }
    }

    @Test
    void thePausedDriftProgramReadsFrozenEndToEnd() throws Exception {
        try (SolanaRpcSimulator sim = SolanaRpcSimulator.start(new DriftPopulation(USERS, 7, 150_000_000L));
                TestRedis redis = TestRedis.start();
                RedisStreams streams = new RedisStreams(redis.config());
                OnchainRig api = OnchainRig.api(redis.url())) {
            LiqMap map = new DriftLiqMapScanner(
                            OnchainRig.client(sim), ProgramProfile.DRIFT_V2, 0, System::currentTimeMillis)
                    .scan();
            assertEquals(MapState.FROZEN, map.freshness().state());
            assertTrue(
                    map.freshness().reason().contains("paused"), map.freshness().reason());
            assertTrue(map.freshness().oracleLagSlots() > 1_000_000, "its oracles stopped at the drain");
            assertTrue(map.positions().size() > 0, "the frozen positions are still shown, as frozen");

            new LiqMapPublisher(streams).publish(map);
            JsonNode served = api.liqMap();
            assertEquals("frozen", served.path("state").asText());
            assertTrue(served.path("reason").asText().contains("paused"));
            assertEquals("drift-v2", served.path("program").asText());
            Map<String, String> summary =
                    streams.last(StreamKeys.driftLiqMap()).orElseThrow().fields();
            assertEquals("true", summary.get("frozen"));
            assertEquals("255", summary.get("exchange_status"));
        }
    }

    @Test
    void anOracleThatStopsBeingPostedMakesTheMapStaleUntilItMovesAgain() throws Exception {
        try (SolanaRpcSimulator sim = SolanaRpcSimulator.start(new VelocityPopulation(200, 7, 150_000_000L))) {
            DriftLiqMapScanner scanner = new DriftLiqMapScanner(
                    OnchainRig.client(sim),
                    ProgramProfile.VELOCITY,
                    0,
                    System::currentTimeMillis,
                    Optional.empty(),
                    150);
            sim.delayOracles(400);
            LiqMap stale = scanner.scan();
            assertEquals(MapState.STALE, stale.freshness().state());
            assertTrue(
                    stale.freshness().reason().contains("slots behind"),
                    stale.freshness().reason());
            assertTrue(
                    stale.freshness().reason().contains("budget 150"),
                    stale.freshness().reason());
            sim.delayOracles(0);
            assertEquals(MapState.LIVE, scanner.scan().freshness().state());
        }
    }

    @Test
    void scanningAProgramTheNodeDoesNotHoldIsRefusedNotAnEmptyMap() throws Exception {
        try (SolanaRpcSimulator sim = SolanaRpcSimulator.start(new VelocityPopulation(200, 7, 150_000_000L))) {
            // Drift v2's markets are not on this node: the scan fails before any map exists.
            assertThrows(
                    IllegalStateException.class,
                    () -> new DriftLiqMapScanner(
                                    OnchainRig.client(sim), ProgramProfile.DRIFT_V2, 0, System::currentTimeMillis)
                            .scan());
        }
    }

    @Test
    void theWebhookWatchesTheProfilesPrograms() {
        for (ProgramProfile profile : ProgramProfile.values()) {
            assertEquals(
                    profile.programId(),
                    OnchainProgram.parse(profile.configName()).programId(),
                    "the webhook's " + profile.configName() + " is the scanner's");
        }
    }

    /** The map computed from the population's records, without the wire, the codecs or the scanner. */
    static Map<String, LiqPosition> expected(VelocityPopulation pop) {
        Map<Integer, PerpMarketAccount> perps = new HashMap<>();
        pop.perpMarkets().forEach(m -> perps.put(m.marketIndex(), m));
        Map<Integer, SpotMarketAccount> spots = new HashMap<>();
        pop.spotMarkets().forEach(m -> spots.put(m.marketIndex(), m));
        Map<OracleKey, OraclePrice> oracles = new HashMap<>();
        long slot = 1;
        put(oracles, pop, pop.solOracle(), OracleDecoder.PYTH_LAZER, slot);
        put(oracles, pop, pop.btcOracle(), OracleDecoder.PYTH_LAZER, slot);
        put(oracles, pop, pop.usdtOracle(), OracleDecoder.PYTH_LAZER_STABLE_COIN, slot);
        MarketContext ctx = new MarketContext(perps, spots, oracles);
        LiquidationPriceCalculator calculator = new LiquidationPriceCalculator();
        Map<String, LiqPosition> out = new HashMap<>();
        for (int i = 0; i < pop.users(); i++) {
            DriftUser user = pop.user(i);
            if (user.perpPosition(0).filter(p -> p.baseAssetAmount() != 0).isPresent()) {
                out.put(pop.userPubkey(i), calculator.evaluate(pop.userPubkey(i), user, 0, ctx));
            }
        }
        return out;
    }

    private static void put(
            Map<OracleKey, OraclePrice> oracles, VelocityPopulation pop, String account, int source, long slot) {
        oracles.put(
                new OracleKey(account, source),
                ProgramProfile.VELOCITY.decoders().oracle(source, pop.oracleAccount(account, slot)));
    }
}
