package perpwatch.local.liquidations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.model.Liquidation;
import perpwatch.core.model.LiquidationCodec;
import perpwatch.core.model.PositionSide;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamKeys;
import perpwatch.feeds.liquidations.LiquidationsWorker;
import perpwatch.feeds.subscription.SubscriptionState;
import perpwatch.local.sim.Simulators;
import perpwatch.local.sim.binance.BinanceWire;
import perpwatch.local.sim.bybit.BybitWire;
import perpwatch.local.sim.okx.OkxWire;
import perpwatch.local.testing.Await;

/** The liquidations task as configured in production, against all three venue simulators and a real Redis. */
class LiquidationsWorkerSimulatorTest {
    static final Instrument SOL = Instrument.sol();

    LiquidationsRig rig;
    RedisStreams streams;
    Simulators sims;
    LiquidationsWorker worker;

    @BeforeEach
    void start() throws Exception {
        rig = LiquidationsRig.start(s -> {});
        streams = rig.streams;
        sims = rig.sims;
        worker = rig.worker;
        Await.until(
                "all three venues subscribed",
                () -> sims.binance().subscribers(BinanceWire.FORCE_ORDER_ALL) == 1
                        && sims.okx().subscribers("liquidation-orders", "SWAP") == 1
                        && sims.bybit().subscribers(BybitWire.liquidationTopic("SOLUSDT")) == 1);
        // And the worker has read every ack: an error frame sent before an ack would be a refusal, not a venue error.
        Await.until(
                "all three acks read",
                () -> StreamKeys.LIQUIDATION_VENUES.stream()
                        .allMatch(v -> worker.subscriptionState(v) == SubscriptionState.ACKNOWLEDGED));
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    List<Liquidation> stored() {
        return streams.range(StreamKeys.liquidations(SOL), 0, Long.MAX_VALUE, 10_000).stream()
                .map(e -> LiquidationCodec.INSTANCE.decode(e.fields()))
                .toList();
    }

    void awaitStored(int n) throws InterruptedException {
        Await.until(
                n + " liquidations stored",
                java.time.Duration.ofSeconds(30),
                () -> stored().size() >= n,
                () -> "stored " + stored().size() + ", counters " + worker.counters());
    }

    void okxLiquidation(String instId, String orderSide, String contracts, String price, long ts) {
        sims.okx()
                .publishLiquidations(
                        "SWAP",
                        "["
                                + OkxWire.liquidationRow(
                                        instId, orderSide, new BigDecimal(contracts), new BigDecimal(price), ts)
                                + "]");
    }

    @Test
    void everyVenueNormalizesToOneSchemaWithThePositionSideAndSolQuantity() throws Exception {
        sims.binance()
                .publish(
                        BinanceWire.FORCE_ORDER_ALL,
                        BinanceWire.forceOrder(
                                "SOLUSDT",
                                "BUY",
                                new BigDecimal("12.5"),
                                new BigDecimal("152"),
                                new BigDecimal("151.2"),
                                1_000,
                                1_005));
        sims.binance()
                .publish(
                        BinanceWire.FORCE_ORDER_ALL,
                        BinanceWire.forceOrder(
                                "BTCUSDT",
                                "SELL",
                                BigDecimal.ONE,
                                new BigDecimal("90000"),
                                new BigDecimal("90000"),
                                1_001,
                                1_002));
        awaitStored(1);
        okxLiquidation("SOL-USDC-SWAP", "sell", "30", "150.5", 2_000);
        okxLiquidation("SOL-USD-SWAP", "sell", "30", "150.5", 2_001);
        awaitStored(2);
        sims.bybit()
                .publish(
                        BybitWire.liquidationTopic("SOLUSDT"),
                        BybitWire.allLiquidation(
                                "SOLUSDT", "Buy", new BigDecimal("4"), new BigDecimal("149"), 3_000, 3_010));
        awaitStored(3);

        List<Liquidation> all = stored();
        Liquidation binance = all.get(0);
        assertEquals(
                List.of("binance", "SOLUSDT", PositionSide.SHORT),
                List.of(binance.venue(), binance.symbol(), binance.side()),
                "a BUY liquidation order closes a short");
        assertEquals(0, new BigDecimal("1890").compareTo(binance.notionalUsd()), "12.5 × 151.2");
        Liquidation okx = all.get(1);
        assertEquals(PositionSide.LONG, okx.side(), "an OKX sell liquidation order closes a long");
        assertEquals(0, new BigDecimal("3").compareTo(okx.quantity()), "30 contracts × 0.1 SOL");
        assertEquals(0, new BigDecimal("451.5").compareTo(okx.notionalUsd()));
        Liquidation bybit = all.get(2);
        assertEquals(PositionSide.LONG, bybit.side(), "Bybit's S is the position side: Buy = long liquidated");
        assertEquals(3_000, bybit.ts());
        assertEquals(3, all.size(), "other symbols and the inverse SOL-USD-SWAP are filtered out");
    }

    @Test
    void everyConnectedVenueKeepsAHeartbeatAndADeadOneLetsItLapse() throws Exception {
        Await.until(
                "three heartbeats",
                () -> streams
                        .heartbeats(StreamKeys.LIQUIDATION_VENUES.stream()
                                .map(v -> StreamKeys.liquidationHeartbeat(SOL, v))
                                .toList())
                        .stream()
                        .allMatch(java.util.Objects::nonNull));
        sims.bybit().close();
        // The key lives one silence budget (3 s here) plus 5 s after the last refresh.
        Await.until(
                "bybit's heartbeat lapses",
                java.time.Duration.ofSeconds(30),
                () -> streams.heartbeats(List.of(StreamKeys.liquidationHeartbeat(SOL, "bybit")))
                                .get(0)
                        == null,
                () -> "");
        assertTrue(streams.heartbeats(List.of(StreamKeys.liquidationHeartbeat(SOL, "okx")))
                        .get(0)
                != null);
    }

    @Test
    void oneVenueDownNeverStopsTheOthers() throws Exception {
        sims.bybit().close();
        Await.until("bybit disconnect noticed", () -> worker.counters().getOrDefault("bybit.disconnects", 0L) >= 1);
        sims.binance()
                .publish(
                        BinanceWire.FORCE_ORDER_ALL,
                        BinanceWire.forceOrder(
                                "SOLUSDT",
                                "SELL",
                                BigDecimal.ONE,
                                new BigDecimal("150"),
                                new BigDecimal("150"),
                                10,
                                11));
        okxLiquidation("SOL-USDT-SWAP", "buy", "2", "150", 11);
        awaitStored(2);
        // Two sockets, two threads: which venue's record lands first is not defined.
        assertEquals(
                List.of("binance", "okx"),
                stored().stream().map(Liquidation::venue).sorted().toList());
    }

    @Test
    void malformedAndErrorFramesAreCountedAndSkipped() throws Exception {
        sims.okx().sendRawToAll("{\"arg\":{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"},\"data\":{}}");
        sims.okx()
                .sendRawToAll(
                        "{\"event\":\"error\",\"code\":\"60018\",\"msg\":\"Wrong URL or channel\",\"connId\":\"x\"}");
        sims.bybit().sendRawToAll("{garbage");
        sims.binance().sendRaw(BinanceWire.FORCE_ORDER_ALL, "{\"code\":3,\"msg\":\"Invalid JSON\",\"id\":null}");
        okxLiquidation("SOL-USDT-SWAP", "sell", "1", "150", 20);
        awaitStored(1);
        Await.until("every bad frame counted", () -> {
            Map<String, Long> c = worker.counters();
            return c.getOrDefault("okx.malformed", 0L) == 1
                    && c.getOrDefault("okx.venue_errors", 0L) == 1
                    && c.getOrDefault("bybit.malformed", 0L) == 1
                    && c.getOrDefault("binance.venue_errors", 0L) == 1;
        });
        assertEquals(1, stored().size(), "the good frame after the bad ones is kept");
    }

    @Test
    void aBadOkxRowIsSkippedAloneAndTheGoodRowsOfItsFrameAreKept() throws Exception {
        // One push, four rows: a bad BTC detail, a good SOL-USDT detail beside a bad one in the same row, a row with
        // no instrument, and a good SOL-USDC row. Before, the first bad row dropped the whole push.
        String goodUsdt = "{\"side\":\"sell\",\"posSide\":\"long\",\"bkPx\":\"150\",\"sz\":\"2\",\"ts\":\"30\"}";
        String badUsdt = "{\"side\":\"sell\",\"posSide\":\"long\",\"bkPx\":\"150\",\"sz\":\"NaN?\",\"ts\":\"31\"}";
        sims.okx()
                .publishLiquidations(
                        "SWAP",
                        "["
                                + "{\"instId\":\"BTC-USDT-SWAP\",\"details\":[{\"side\":\"buy\",\"bkPx\":\"x\","
                                + "\"sz\":\"1\",\"ts\":\"29\"}]},"
                                + "{\"instId\":\"SOL-USDT-SWAP\",\"details\":[" + goodUsdt + "," + badUsdt + "]},"
                                + "{\"details\":[" + goodUsdt + "]},"
                                + OkxWire.liquidationRow(
                                        "SOL-USDC-SWAP", "buy", new BigDecimal("10"), new BigDecimal("151"), 32)
                                + "]");
        awaitStored(2);
        List<Liquidation> all = stored();
        assertEquals(
                List.of("SOL-USDC-SWAP", "SOL-USDT-SWAP"),
                all.stream().map(Liquidation::symbol).sorted().toList());
        Liquidation usdt = all.stream()
                .filter(l -> l.symbol().equals("SOL-USDT-SWAP"))
                .findFirst()
                .orElseThrow();
        assertEquals(30, usdt.ts());
        assertEquals(PositionSide.LONG, usdt.side());
        Await.until("three bad rows counted", () -> worker.counters().getOrDefault("okx.bad_rows", 0L) == 3);
        assertEquals(0L, worker.counters().getOrDefault("okx.malformed", 0L), "the frame itself was fine");
    }

    @Test
    void aReconnectStormLeavesTheStreamExactlyWhatWasSentWhileConnected() throws Exception {
        for (int i = 0; i < 20; i++) {
            long acks = worker.counters().getOrDefault("okx.acks", 0L);
            long disconnects = worker.counters().getOrDefault("okx.disconnects", 0L);
            // The simulator's abrupt close occasionally races its own writer thread and leaves the socket up; drop
            // again until the worker has seen the connection go, which is what this test is about.
            do {
                sims.okx().dropAllConnections();
            } while (!Await.within(
                    java.time.Duration.ofSeconds(3),
                    () -> worker.counters().getOrDefault("okx.disconnects", 0L) > disconnects));
            // Subscribed again once the venue acknowledged the new subscription.
            Await.until(
                    "okx resubscribed after drop " + i,
                    java.time.Duration.ofSeconds(30),
                    () -> worker.counters().getOrDefault("okx.acks", 0L) > acks,
                    () -> worker.counters().toString());
            // Resent until stored: a push into a connection being torn down is lost, as on the venue. The venue
            // also repeats rows; every repeat must be dropped, not stored twice.
            int expected = i + 1;
            String side = i % 2 == 0 ? "sell" : "buy";
            long ts = 100 + i;
            do {
                okxLiquidation("SOL-USDT-SWAP", side, "1", "150", ts);
            } while (!Await.within(java.time.Duration.ofSeconds(2), () -> stored().size() >= expected));
            okxLiquidation("SOL-USDT-SWAP", side, "1", "150", ts);
        }
        awaitStored(20);
        Thread.sleep(300);
        List<Liquidation> all = stored();
        assertEquals(20, all.size());
        for (int i = 0; i < 20; i++) {
            assertEquals(100 + i, all.get(i).ts(), "in order, none lost, none repeated");
        }
        Await.until(
                "the venue's repeats counted as duplicates",
                () -> worker.counters().getOrDefault("okx.duplicates", 0L) >= 1);
    }
}
