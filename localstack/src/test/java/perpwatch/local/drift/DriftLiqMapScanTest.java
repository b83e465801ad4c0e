package perpwatch.local.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamKeys;
import perpwatch.core.testing.TestRedis;
import perpwatch.feeds.onchain.DriftLayout;
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
import perpwatch.feeds.onchain.scan.DriftLiqMapScanner;
import perpwatch.feeds.onchain.scan.LiqMap;
import perpwatch.feeds.onchain.scan.LiqMapPublisher;
import perpwatch.feeds.solana.AccountSink;
import perpwatch.feeds.solana.ProgramAccountsScan;
import perpwatch.feeds.solana.RpcFilter;
import perpwatch.feeds.solana.SolanaRpcClient;
import perpwatch.feeds.solana.SolanaRpcConfig;
import perpwatch.feeds.solana.SolanaRpcException;
import perpwatch.local.sim.solana.DriftPopulation;
import perpwatch.local.sim.solana.SolanaRpcSimulator;

/** The scan over the real wire: the Solana RPC simulator on 127.0.0.1 → client → decoders and math → Redis. */
class DriftLiqMapScanTest {
    static final int USERS = 3_000;
    static SolanaRpcSimulator sim;

    @BeforeAll
    static void start() throws Exception {
        sim = SolanaRpcSimulator.start(new DriftPopulation(USERS, 7, 150_000_000L));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static SolanaRpcClient client() {
        return new SolanaRpcClient(
                new SolanaRpcConfig(URI.create(sim.url()), Duration.ofSeconds(30), 4, Duration.ofMillis(10)));
    }

    @Test
    void everySolPerpPositionIsMappedAsComputedFromTheAccountsThemselves() {
        LiqMap map = new DriftLiqMapScanner(client(), ProgramProfile.DRIFT_V2, 0, System::currentTimeMillis).scan();
        Map<String, LiqPosition> expected = expected();
        assertEquals(USERS, map.accounts());
        assertEquals(0, map.undecodable());
        assertEquals(expected.size(), map.positions().size());
        assertTrue(expected.size() > USERS / 10, "a realistic share holds SOL-PERP: " + expected.size());
        for (LiqPosition p : map.positions()) {
            assertEquals(expected.get(p.userPubkey()), p, "position of " + p.userPubkey());
        }
        long longs =
                map.positions().stream().filter(p -> p.side().equals("long")).count();
        assertTrue(longs > 0 && longs < map.positions().size(), "both sides");
        assertTrue(
                map.positions().stream().anyMatch(p -> !p.hasLiqPrice()),
                "some positions have no liquidation price, and say so");
        assertEquals(OraclePrice.Source.ORACLE_ACCOUNT, map.oracle().source());
        assertEquals(150_000_000L, map.oracle().price());
        for (int i = 1; i < map.positions().size(); i++) {
            LiqPosition a = map.positions().get(i - 1);
            LiqPosition b = map.positions().get(i);
            assertTrue(
                    b.distanceBps() == null
                            || a.distanceBps() != null && a.distanceBps().compareTo(b.distanceBps()) <= 0,
                    "sorted by distance");
        }
    }

    @Test
    void fundingFromTheDriftDataApiWhenItAnswersAndAScanWithoutItWhenItDoesNot() {
        perpwatch.feeds.http.RestGetter http = new perpwatch.feeds.http.RestGetter(Duration.ofSeconds(2));
        LiqMap enriched = new DriftLiqMapScanner(
                        client(),
                        ProgramProfile.DRIFT_V2,
                        0,
                        System::currentTimeMillis,
                        java.util.Optional.of(new perpwatch.feeds.onchain.scan.DriftFundingClient(sim.url(), http)))
                .scan();
        // fundingRate 1,500,000 / 1e9 over a 150 USD TWAP: 0.001 % an hour.
        assertEquals(0, new java.math.BigDecimal("0.001").compareTo(enriched.fundingRateHourlyPct()));
        LiqMap without = new DriftLiqMapScanner(
                        client(),
                        ProgramProfile.DRIFT_V2,
                        0,
                        System::currentTimeMillis,
                        java.util.Optional.of(
                                new perpwatch.feeds.onchain.scan.DriftFundingClient("http://127.0.0.1:9", http)))
                .scan();
        assertEquals(null, without.fundingRateHourlyPct());
        assertEquals(
                enriched.positions().size(),
                without.positions().size(),
                "the scan itself never depends on the enrichment");
    }

    @Test
    void anOldNodeWithoutZstdGetsPlainBase64() {
        sim.refuseZstd(true);
        try {
            SolanaRpcClient client = client();
            ProgramAccountsScan scan = users(client);
            assertEquals("base64", scan.encoding());
            assertEquals(USERS, scan.accounts());
            assertEquals("base64", users(client).encoding(), "remembered: no second refusal");
        } finally {
            sim.refuseZstd(false);
        }
    }

    @Test
    void rateLimitsServerErrorsAndCutOffBodiesAreRetried() {
        SolanaRpcClient client = client();
        sim.failNext(2, 429);
        assertEquals(USERS, users(client).accounts());
        sim.failNext(1, 503);
        sim.truncateNext(1);
        List<String> delivered = new ArrayList<>();
        ProgramAccountsScan scan = client.getProgramAccounts(
                DriftLayout.PROGRAM_ID, userFilters(), DriftLayout.User.SIZE, new AccountSink() {
                    @Override
                    public void restart() {
                        delivered.clear();
                    }

                    @Override
                    public void accept(String pubkey, byte[] data) {
                        delivered.add(pubkey);
                    }
                });
        assertEquals(USERS, delivered.size(), "the cut-off attempt's half was forgotten, not counted twice");
        assertEquals(3, scan.attempts());
        assertEquals(4, client.retries());

        sim.failNext(10, 500);
        SolanaRpcException e = assertThrows(SolanaRpcException.class, () -> users(client()));
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        sim.failNext(0, 200);
    }

    @Test
    void anAnswerWithCorruptAccountDataIsRetriedThenRefusedNeverAnEscapedException() {
        String oracle = sim.population().perpMarkets().get(0).oracle();
        // Found by the hardening harness's bad-input scenario: non-base64 data escaped as IllegalArgumentException.
        sim.mutateNext(1, body -> body.replaceFirst("\"data\":\\[\"", "\"data\":[\"<>"));
        assertEquals(1, client().getMultipleAccounts(List.of(oracle)).size(), "the retry got a clean answer");
        sim.mutateNext(10, body -> body.replaceFirst("\"data\":\\[\"", "\"data\":[\"<>"));
        SolanaRpcException e =
                assertThrows(SolanaRpcException.class, () -> client().getMultipleAccounts(List.of(oracle)));
        assertTrue(e.getMessage().contains("not base64"), e.getMessage());
        sim.mutateNext(0, body -> body);
    }

    @Test
    void aPublishedScanIsOneAtomicDocumentAndSummary() throws Exception {
        LiqMap map = new DriftLiqMapScanner(client(), ProgramProfile.DRIFT_V2, 0, System::currentTimeMillis).scan();
        try (TestRedis redis = TestRedis.start();
                RedisStreams streams = new RedisStreams(redis.config())) {
            new LiqMapPublisher(streams).publish(map);
            JsonNode doc = new ObjectMapper()
                    .readTree(streams.get(StreamKeys.DRIFT_LIQ_MAP_LATEST).orElseThrow());
            assertEquals(map.scanId(), doc.path("scan_id").asText());
            assertEquals(map.positions().size(), doc.path("entries").size());
            assertEquals(0, doc.path("oracle_px").decimalValue().compareTo(new java.math.BigDecimal("150")));
            var summary = streams.last(StreamKeys.driftLiqMap()).orElseThrow().fields();
            assertEquals(map.scanId(), summary.get("scan_id"));
            assertEquals(Integer.toString(USERS), summary.get("accounts"));
            assertEquals(Integer.toString(map.positions().size()), summary.get("positions"));
        }
    }

    @Test
    void eachScanIsArchivedAsParquetUnderItsOwnKeyAndAsLatest() throws Exception {
        LiqMap map = new DriftLiqMapScanner(client(), ProgramProfile.DRIFT_V2, 0, System::currentTimeMillis).scan();
        try (perpwatch.local.archive.LocalS3 s3 = perpwatch.local.archive.LocalS3.start("drift-archive");
                perpwatch.feeds.onchain.scan.LiqMapArchive archive = perpwatch.feeds.onchain.scan.LiqMapArchive.create(
                        new perpwatch.feeds.onchain.scan.ArchiveTarget(
                                "drift-archive", "us-east-1", java.util.Optional.of(s3.endpoint())));
                perpwatch.archive.S3ArchiveStore reader = perpwatch.archive.S3ArchiveStore.create(
                        "drift-archive",
                        "us-east-1",
                        java.util.Optional.of(s3.endpoint()),
                        java.util.Optional.empty())) {
            String key = archive.store(map);
            assertEquals("drift/liq_map/scans/" + map.scanId() + ".parquet", key);
            byte[] scan = reader.get(key).orElseThrow();
            org.junit.jupiter.api.Assertions.assertArrayEquals(
                    scan, reader.get("drift/liq_map/latest.parquet").orElseThrow());
            var rows = perpwatch.archive.ParquetBytes.read(scan);
            assertEquals(map.positions().size(), rows.size());
            for (int i = 0; i < rows.size(); i++) {
                LiqPosition p = map.positions().get(i);
                assertEquals(p.userPubkey(), rows.get(i).get("user_pubkey").toString());
                assertEquals(
                        p.liqPrice() == null ? null : p.liqPrice().toPlainString(),
                        rows.get(i).get("liq_price") == null
                                ? null
                                : rows.get(i).get("liq_price").toString());
            }
        }
    }

    private static ProgramAccountsScan users(SolanaRpcClient client) {
        return client.getProgramAccounts(
                DriftLayout.PROGRAM_ID, userFilters(), DriftLayout.User.SIZE, new AccountSink() {
                    @Override
                    public void restart() {}

                    @Override
                    public void accept(String pubkey, byte[] data) {}
                });
    }

    private static List<RpcFilter> userFilters() {
        return List.of(RpcFilter.memcmp(0, DriftLayout.USER_DISCRIMINATOR), RpcFilter.dataSize(DriftLayout.User.SIZE));
    }

    /** What the map must hold, computed from the population's records without the wire, the codecs or the scanner. */
    private static Map<String, LiqPosition> expected() {
        DriftPopulation pop = (DriftPopulation) sim.population();
        Map<Integer, PerpMarketAccount> perps = new HashMap<>();
        pop.perpMarkets().forEach(m -> perps.put(m.marketIndex(), m));
        Map<Integer, SpotMarketAccount> spots = new HashMap<>();
        pop.spotMarkets().forEach(m -> spots.put(m.marketIndex(), m));
        Map<OracleKey, OraclePrice> oracles = new HashMap<>();
        oracles.put(
                new OracleKey(pop.solOracle(), OracleDecoder.PYTH_LAZER),
                ProgramProfile.DRIFT_V2
                        .decoders()
                        .oracle(OracleDecoder.PYTH_LAZER, pop.oracleAccount(pop.solOracle())));
        oracles.put(
                new OracleKey(pop.btcOracle(), OracleDecoder.PYTH_LAZER),
                ProgramProfile.DRIFT_V2
                        .decoders()
                        .oracle(OracleDecoder.PYTH_LAZER, pop.oracleAccount(pop.btcOracle())));
        oracles.put(
                new OracleKey(pop.usdcOracle(), OracleDecoder.PYTH_STABLE_COIN_PULL),
                ProgramProfile.DRIFT_V2
                        .decoders()
                        .oracle(OracleDecoder.PYTH_STABLE_COIN_PULL, pop.oracleAccount(pop.usdcOracle())));
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
}
