package perpwatch.functions.instruments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import perpwatch.core.testing.TestRedis;
import perpwatch.functions.TestApi;
import perpwatch.functions.TestClock;

/** {@code GET /api/instruments}: the configured instruments in configuration order, each with its venues. */
class InstrumentsEndpointTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long NOW = 1_764_000_000_000L;

    @Test
    void theDefaultIsSolOnEveryVenue() throws Exception {
        try (TestRedis redis = TestRedis.start();
                TestApi api = TestApi.start(redis.url(), NOW)) {
            HttpResponse<String> answer = api.get("/api/instruments");
            assertEquals(200, answer.statusCode());
            assertEquals(
                    JSON.readTree("[{\"symbol\":\"SOL\",\"venues\":[\"binance\",\"okx_usdt\",\"okx_usdc\",\"bybit\","
                            + "\"velocity\"],\"velocity_market_index\":0}]"),
                    JSON.readTree(answer.body()));
            assertEquals(
                    "no-cache", answer.headers().firstValue("Cache-Control").orElse(""));
        }
    }

    @Test
    void everyConfiguredInstrumentInConfigurationOrderWithOnlyItsVenues() throws Exception {
        String instruments = "[{\"canonical\":\"eth\",\"binance\":\"ETHUSDT\"},"
                + "{\"canonical\":\"SOL\",\"bybit\":\"SOLUSDT\",\"binance\":\"SOLUSDT\"},"
                + "{\"canonical\":\"BTC\",\"okx_usdc\":\"BTC-USDC-SWAP\","
                + "\"velocity\":{\"symbol\":\"BTC-PERP\",\"market_index\":1}}]";
        try (TestRedis redis = TestRedis.start();
                TestApi api =
                        TestApi.start(redis.url(), new TestClock(NOW), Map.of("perpwatch.instruments", instruments))) {
            assertEquals(
                    JSON.readTree("[{\"symbol\":\"ETH\",\"venues\":[\"binance\"],\"velocity_market_index\":null},"
                            + "{\"symbol\":\"SOL\",\"venues\":[\"binance\",\"bybit\"],\"velocity_market_index\":null},"
                            + "{\"symbol\":\"BTC\",\"venues\":[\"okx_usdc\",\"velocity\"],"
                            + "\"velocity_market_index\":1}]"),
                    JSON.readTree(api.get("/api/instruments").body()));
            // Each listed symbol is one the other routes accept.
            assertEquals(200, api.get("/api/engine/guards?symbol=BTC").statusCode());
        }
    }
}
