package perpwatch.core.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import perpwatch.core.config.Env;
import perpwatch.core.stream.StreamKeys;

class InstrumentRegistryTest {
    @Test
    void defaultIsSolAlone() {
        InstrumentRegistry registry = InstrumentRegistry.fromEnv(Env.of(Map.of()));
        assertEquals(1, registry.all().size());
        Instrument sol = registry.require("sol");
        assertEquals("SOLUSDT", sol.binance());
        assertEquals("SOL-USDC-SWAP", sol.okxUsdc());
        assertEquals(0, sol.driftPerpMarket());
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
        assertEquals(1, registry.require("BTC").driftPerpMarket());
        assertTrue(registry.find("ETH").isEmpty());
    }

    @Test
    void badConfigNamesTheVariable() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> InstrumentRegistry.fromEnv(Env.of(Map.of(InstrumentRegistry.ENV, "[{\"binance\":\"X\"}]"))));
        assertTrue(e.getMessage().startsWith("PERPWATCH_INSTRUMENTS"), e.getMessage());
    }
}
