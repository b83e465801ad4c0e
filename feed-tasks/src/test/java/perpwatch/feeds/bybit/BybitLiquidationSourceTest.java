package perpwatch.feeds.bybit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import perpwatch.core.config.Env;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.instrument.Venue;
import perpwatch.core.model.Liquidation;
import perpwatch.core.model.PositionSide;
import perpwatch.core.testing.Fixtures;
import perpwatch.feeds.liquidations.LiquidationFrame;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.parse.MalformedFrameException;
import perpwatch.feeds.subscription.Refusal;

class BybitLiquidationSourceTest {
    static BybitLiquidationSource source(String symbol) {
        return new BybitLiquidationSource(
                Instrument.builder("X")
                        .on(Venue.BINANCE, symbol)
                        .on(Venue.OKX_USDT, "X-USDT-SWAP")
                        .on(Venue.OKX_USDC, "X-USDC-SWAP")
                        .on(Venue.BYBIT, symbol)
                        .build(),
                BybitEndpoints.fromEnv(Env.of(Map.of())));
    }

    @Test
    void positionSideBuyIsALongAndEveryEntryOfAPushIsKept() throws Exception {
        List<Liquidation> out = pushed(source("BTCUSDT")
                .read(
                        Fixtures.text("bybit/allLiquidation_multi_entry_nautilus.json")
                                .strip(),
                        5,
                        new FeedCounters()));
        // S=Buy: a long was liquidated (Bybit's position side); v in BTC, p the bankruptcy price
        assertEquals(
                List.of(
                        new Liquidation(
                                "bybit",
                                "BTCUSDT",
                                PositionSide.LONG,
                                new BigDecimal("96250.5"),
                                new BigDecimal("0.015"),
                                new BigDecimal("1443.7575"),
                                1_739_502_302_929L,
                                5),
                        new Liquidation(
                                "bybit",
                                "BTCUSDT",
                                PositionSide.SHORT,
                                new BigDecimal("97410.0"),
                                new BigDecimal("1.250"),
                                new BigDecimal("121762.5000"),
                                1_739_502_303_011L,
                                5)),
                out);
    }

    @Test
    void recordedRealPushIsAShortLiquidated() throws Exception {
        Liquidation l = pushed(source("PIPPINUSDT")
                        .read(
                                Fixtures.text("bybit/allLiquidation_PIPPINUSDT_tardis_real.json")
                                        .strip(),
                                5,
                                new FeedCounters()))
                .get(0);
        assertEquals(PositionSide.SHORT, l.side());
        assertEquals(0, new BigDecimal("69.89776").compareTo(l.notionalUsd()), "2846 × 0.02456");
    }

    static List<Liquidation> pushed(LiquidationFrame frame) {
        return assertInstanceOf(LiquidationFrame.Push.class, frame).liquidations();
    }

    @Test
    void theSubscribeAckOfTheDocsAndOfARecordedSessionIsTheAck() throws Exception {
        BybitLiquidationSource s = source("SOLUSDT");
        assertInstanceOf(
                LiquidationFrame.Subscribed.class,
                s.read(Fixtures.text("bybit/ws_subscribe_ack_linear_doc.json").strip(), 1, new FeedCounters()));
        assertInstanceOf(
                LiquidationFrame.Subscribed.class,
                s.read(Fixtures.text("bybit/ws_subscribe_ack_nautilus.json").strip(), 1, new FeedCounters()));
    }

    @Test
    void aFailedSubscribeIsARefusalWithTheVenuesMessage() throws Exception {
        FeedCounters counters = new FeedCounters();
        LiquidationFrame frame = source("SOLUSDT")
                .read(Fixtures.text("bybit/ws_subscribe_failure_nautilus.json").strip(), 1, counters);
        assertEquals(
                new LiquidationFrame.Refused(new Refusal("", "Invalid topic: invalid.topic.BTCUSDT")),
                frame,
                "Bybit sends no code");
        assertEquals(0, counters.get("venue_errors"), "the worker counts refusals, as subscribe_refused");
    }

    @Test
    void pongsAndOtherFailuresSayNothingAboutTheSubscription() throws Exception {
        FeedCounters counters = new FeedCounters();
        BybitLiquidationSource s = source("SOLUSDT");
        assertInstanceOf(
                LiquidationFrame.Control.class,
                s.read(Fixtures.text("bybit/ws_pong_linear_doc.json").strip(), 1, counters));
        assertInstanceOf(
                LiquidationFrame.Control.class,
                s.read(
                        "{\"success\":false,\"ret_msg\":\"error:handler not "
                                + "found\",\"conn_id\":\"c\",\"req_id\":\"\",\"op\":\"pingx\"}",
                        1,
                        counters));
        assertEquals(1, counters.get("pongs"));
        assertEquals(1, counters.get("venue_errors"));
        assertThrows(
                MalformedFrameException.class,
                () -> s.read(
                        "{\"topic\":\"allLiquidation.SOLUSDT\",\"data\":[{\"T\":1,\"S\":\"Long\",\"v\":\"1\","
                                + "\"p\":\"1\"}]}",
                        1,
                        counters));
    }
}
