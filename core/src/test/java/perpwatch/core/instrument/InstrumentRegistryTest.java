package perpwatch.core.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import perpwatch.core.config.Env;
import perpwatch.core.stream.FeedLink;
import perpwatch.core.stream.StreamKeys;

class InstrumentRegistryTest {
    @Test
    void defaultIsSolAlone() {
        InstrumentRegistry registry = InstrumentRegistry.fromEnv(Env.of(Map.of()));
        assertEquals(1, registry.all().size());
        Instrument sol = registry.require("sol");
        assertEquals("SOLUSDT", sol.symbol(Venue.BINANCE));
        assertEquals("SOL-USDC-SWAP", sol.symbol(Venue.OKX_USDC));
        assertEquals(0, sol.velocityMarket());
        assertEquals(EnumSet.allOf(Venue.class), sol.venues());
        assertEquals("market:solusdt:trades", StreamKeys.trades(sol).name());
        assertEquals("market:solusdt:price", StreamKeys.price(sol).name());
    }

    @Test
    void moreInstrumentsAreOneConfigRow() {
        String json = "[{\"canonical\":\"SOL\",\"binance\":\"SOLUSDT\"},"
                + "{\"canonical\":\"btc\",\"binance\":\"BTCUSDT\",\"okx_usdc\":\"BTC-USDC-SWAP\","
                + "\"drift_perp_market\":1}]";
        InstrumentRegistry registry = InstrumentRegistry.fromEnv(Env.of(Map.of(InstrumentRegistry.ENV, json)));
        assertEquals(
                "market:btcusdt:trades",
                StreamKeys.trades(registry.require("BTC")).name());
        assertEquals(1, registry.require("BTC").velocityMarket());
        assertEquals("BTC-PERP", registry.require("BTC").symbol(Venue.VELOCITY));
        assertTrue(registry.find("ETH").isEmpty());
    }

    @Test
    void aVenueLeftOutIsNotConfigured() {
        String json = "[{\"canonical\":\"ETH\",\"binance\":\"ETHUSDT\"},"
                + "{\"canonical\":\"BTC\",\"binance\":\"BTCUSDT\",\"bybit\":\"BTCUSDT\",\"okx_usdt\":null}]";
        InstrumentRegistry registry = InstrumentRegistry.fromEnv(Env.of(Map.of(InstrumentRegistry.ENV, json)));
        Instrument eth = registry.require("ETH");
        assertEquals(Set.of(Venue.BINANCE), eth.venues());
        assertFalse(eth.onExchange("okx"));
        assertTrue(eth.listing(Venue.BYBIT).isEmpty());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> eth.symbol(Venue.BYBIT));
        assertEquals("ETH is not configured on bybit", e.getMessage());
        assertEquals(
                EnumSet.of(Venue.BINANCE, Venue.BYBIT), registry.require("BTC").venues());
        // No task writes the other venues' streams, so health and rollups do not wait for them.
        assertEquals(
                List.of(
                        "market:ethusdt:trades",
                        "market:ethusdt:price",
                        "market:ethusdt:book",
                        "market:ethusdt:liquidations"),
                StreamKeys.all(eth).stream().map(k -> k.name()).toList());
        assertEquals(List.of("binance"), StreamKeys.liquidationVenues(eth));
        assertEquals(
                List.of("binance-trades", "binance-book", "liquidations"),
                FeedLink.of(eth).stream().map(FeedLink::task).toList(),
                "health awaits no link on a venue ETH is not listed on");
        assertEquals(List.of("binance", "bybit"), StreamKeys.liquidationVenues(registry.require("BTC")));
    }

    @Test
    void aVenueCarriesItsMetadata() {
        String json = "[{\"canonical\":\"BTC\","
                + "\"okx_usdt\":{\"symbol\":\"BTC-USDT-SWAP\",\"contract_value\":\"0.01\"},"
                + "\"okx_usdc\":{\"symbol\":\"BTC-USDC-SWAP\",\"quote\":\"USDC\"},"
                + "\"velocity\":{\"symbol\":\"BTC-PERP\",\"market_index\":1}}]";
        Instrument btc = InstrumentRegistry.fromEnv(Env.of(Map.of(InstrumentRegistry.ENV, json)))
                .require("BTC");
        Listing usdt = btc.listing(Venue.OKX_USDT).orElseThrow();
        assertEquals(new BigDecimal("0.01"), usdt.contractValue());
        assertEquals("USDT", usdt.quote());
        assertEquals("USDC", btc.listing(Venue.OKX_USDC).orElseThrow().quote());
        assertNull(btc.listing(Venue.OKX_USDC).orElseThrow().contractValue());
        assertEquals(1, btc.velocityMarket());
        assertTrue(btc.onExchange("okx"));
        assertFalse(btc.has(Venue.BINANCE));
    }

    @Test
    void aMisspeltOrIncompleteVenueIsRefused() {
        for (String row : List.of(
                "{\"canonical\":\"BTC\",\"bybti\":\"BTCUSDT\"}",
                "{\"canonical\":\"BTC\"}",
                "{\"canonical\":\"BTC\",\"velocity\":\"BTC-PERP\"}",
                "{\"canonical\":\"BTC\",\"velocity\":{\"symbol\":\"BTC-PERP\"}}",
                "{\"canonical\":\"BTC\",\"binance\":{\"symbol\":\"BTCUSDT\",\"market_index\":1}}",
                "{\"canonical\":\"BTC\",\"binance\":{\"symbol\":\"BTCUSDT\",\"tick\":1}}")) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> InstrumentRegistry.fromEnv(Env.of(Map.of(InstrumentRegistry.ENV, "[" + row + "]"))),
                    row);
            assertTrue(e.getMessage().startsWith("PERPWATCH_INSTRUMENTS"), e.getMessage());
        }
    }

    @Test
    void badConfigNamesTheVariable() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> InstrumentRegistry.fromEnv(Env.of(Map.of(InstrumentRegistry.ENV, "[{\"binance\":\"X\"}]"))));
        assertTrue(e.getMessage().startsWith("PERPWATCH_INSTRUMENTS"), e.getMessage());
    }
}
