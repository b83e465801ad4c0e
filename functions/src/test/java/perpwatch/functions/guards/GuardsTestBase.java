package perpwatch.functions.guards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.model.Bar;
import perpwatch.core.model.BarCodec;
import perpwatch.core.model.BookTop;
import perpwatch.core.model.BookTopCodec;
import perpwatch.core.model.FundingSnapshot;
import perpwatch.core.model.FundingSnapshotCodec;
import perpwatch.core.model.LastTrade;
import perpwatch.core.model.LastTradeCodec;
import perpwatch.core.model.Liquidation;
import perpwatch.core.model.LiquidationCodec;
import perpwatch.core.model.OracleReading;
import perpwatch.core.model.OracleReadingCodec;
import perpwatch.core.model.PositionSide;
import perpwatch.core.model.PriceTick;
import perpwatch.core.model.PriceTickCodec;
import perpwatch.core.model.SettledFunding;
import perpwatch.core.model.SettledFundingCodec;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamKeys;
import perpwatch.core.testing.TestRedis;
import perpwatch.functions.StreamSeeder;

/** A real Redis, the seeding helpers and the fixed clock time the guards tests share. */
abstract class GuardsTestBase {
    static final long NOW = 1_764_000_000_000L;
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instrument SOL = Instrument.sol();

    TestRedis redis;
    RedisStreams streams;
    StreamSeeder seeder;

    /** The fields that were in the answer before per-metric states: compared exactly, the newer parts on their own. */
    static JsonNode flat(String body) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode node =
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(body);
        node.remove(java.util.List.of(
                "seq", "instance", "liq_events_5m_by_venue", "guards", "required", "thresholds_version"));
        return node;
    }

    @BeforeEach
    void start() {
        redis = TestRedis.start();
        streams = new RedisStreams(redis.config());
        seeder = new StreamSeeder(redis.url());
    }

    @AfterEach
    void stop() {
        seeder.close();
        streams.close();
        redis.close();
    }

    void seed(long priceTs, long barOpen) {
        streams.add(
                StreamKeys.price(SOL),
                PriceTickCodec.INSTANCE.encode(new PriceTick(new BigDecimal("187.08"), priceTs, priceTs + 3)),
                NOW);
        Bar bar = new Bar(
                barOpen,
                new BigDecimal("186.9"),
                new BigDecimal("187.2"),
                new BigDecimal("186.8"),
                new BigDecimal("187.08"),
                new BigDecimal("1200.5"),
                new BigDecimal("800.25"),
                new BigDecimal("15000.75"),
                new BigDecimal("187.01"),
                321,
                10,
                330,
                barOpen + 61_000);
        streams.add(StreamKeys.trades(SOL), BarCodec.INSTANCE.encode(bar), NOW);
    }

    static boolean containsText(JsonNode array, String text) {
        for (JsonNode node : array) {
            if (node.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }

    void seedBook(String spreadBps, String depthBid, String depthAsk, long ts) {
        seeder.add(
                StreamKeys.book(SOL),
                BookTopCodec.INSTANCE,
                new BookTop(
                        new BigDecimal("187.07"),
                        new BigDecimal("120"),
                        new BigDecimal("187.09"),
                        new BigDecimal("80"),
                        new BigDecimal(spreadBps),
                        new BigDecimal(depthBid),
                        new BigDecimal(depthAsk),
                        ts,
                        ts + 2),
                ts + 3);
    }

    /**
     * Every optional metric fresh and calm: funding 20 s old; OKX USDC last trade at {@code usdcTs}; OKX USDT at
     * NOW−1000; Velocity's book, oracle and funding ({@link #seedVelocityCalm}).
     */
    void seedFundingAndBasis(String apr, String usdcPrice, long usdcTs) {
        seedVelocityCalm();
        seedBybitAndOkx(apr, usdcPrice, usdcTs);
    }

    /** Bybit funding 20 s old; OKX USDC last trade at {@code usdcTs}; OKX USDT at NOW−1000. */
    void seedBybitAndOkx(String apr, String usdcPrice, long usdcTs) {
        seeder.add(
                StreamKeys.funding(SOL),
                FundingSnapshotCodec.INSTANCE,
                new FundingSnapshot(
                        "SOLUSDT",
                        new BigDecimal("1500000000"),
                        new BigDecimal("8000000"),
                        new BigDecimal("0.0001"),
                        new BigDecimal("0.0001"),
                        8,
                        new BigDecimal(apr),
                        NOW + 3_600_000,
                        new BigDecimal("187.5"),
                        NOW - 20_000,
                        NOW - 19_900),
                NOW - 19_900);
        seeder.add(
                StreamKeys.usdcTrades(SOL),
                LastTradeCodec.INSTANCE,
                new LastTrade(
                        "SOL-USDC-SWAP", new BigDecimal(usdcPrice), "buy", new BigDecimal("0.5"), usdcTs, usdcTs + 5),
                usdcTs + 6);
        seeder.add(
                StreamKeys.okxUsdtTrades(SOL),
                LastTradeCodec.INSTANCE,
                new LastTrade(
                        "SOL-USDT-SWAP", new BigDecimal("187.1"), "sell", new BigDecimal("3"), NOW - 1_000, NOW - 995),
                NOW - 994);
    }

    void liquidationFeedsAlive(String... venues) {
        for (String venue : venues) {
            seeder.heartbeat(StreamKeys.liquidationHeartbeat(SOL, venue), NOW - 2_000);
        }
    }

    void seedLiquidations(long... idTimes) {
        liquidationFeedsAlive("binance", "okx", "bybit");
        for (long t : idTimes) {
            seeder.add(
                    StreamKeys.liquidations(SOL),
                    LiquidationCodec.INSTANCE,
                    new Liquidation(
                            "binance",
                            "SOLUSDT",
                            PositionSide.LONG,
                            new BigDecimal("187"),
                            new BigDecimal("10"),
                            new BigDecimal("1870"),
                            t - 50,
                            t - 5),
                    t);
        }
    }

    /**
     * Velocity calm: book 187.07/187.09 (mid 187.08, Binance's price) 400 ms old with $60,000/$55,000 within 10 bps,
     * the oracle at 187.05 posted 2 slots before the node's slot, read 300 ms ago, the last hourly settlement at
     * 10.95 % APR half an hour ago.
     */
    void seedVelocityCalm() {
        seedVelocityBook("187.07", "187.09", "1.0691", "60000", "55000", NOW - 400);
        seedVelocityOracle("187.05", 2, NOW - 300);
        seedVelocityFunding("10.95", NOW - 1_800_000);
    }

    void seedVelocityBook(String bid, String ask, String spreadBps, String depthBid, String depthAsk, long ts) {
        seeder.add(
                StreamKeys.velocityBook(SOL),
                BookTopCodec.INSTANCE,
                new BookTop(
                        new BigDecimal(bid),
                        new BigDecimal("30"),
                        new BigDecimal(ask),
                        new BigDecimal("25"),
                        new BigDecimal(spreadBps),
                        new BigDecimal(depthBid),
                        new BigDecimal(depthAsk),
                        ts,
                        ts + 40),
                ts + 50);
    }

    /** The oracle read at {@code ts}, posted {@code ageSlots} before the node's slot then. */
    void seedVelocityOracle(String price, long ageSlots, long ts) {
        long slot = 318_000_000L;
        seeder.add(
                StreamKeys.velocityOracle(SOL),
                OracleReadingCodec.INSTANCE,
                new OracleReading(
                        "SOL-PERP", new BigDecimal(price), new BigDecimal("0.0374"), slot - ageSlots, slot, ts, ts),
                ts + 5);
    }

    void seedVelocityFunding(String apr, long settledAt) {
        seeder.add(
                StreamKeys.velocityFunding(SOL),
                SettledFundingCodec.INSTANCE,
                new SettledFunding(
                        "SOL-PERP",
                        new BigDecimal("0.0000125"),
                        new BigDecimal("0.0001"),
                        1,
                        new BigDecimal(apr),
                        settledAt,
                        settledAt + 60_000),
                settledAt + 60_000);
    }
}
