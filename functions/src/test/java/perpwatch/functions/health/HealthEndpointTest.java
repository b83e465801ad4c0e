package perpwatch.functions.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.model.PriceTick;
import perpwatch.core.model.PriceTickCodec;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamKeys;
import perpwatch.core.testing.TestRedis;
import perpwatch.functions.TestApi;
import perpwatch.functions.TestClock;

class HealthEndpointTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void showsLengthAgeAndLagPerStreamAndWhichFeedIsBehind() throws Exception {
        try (TestRedis redis = TestRedis.start(); RedisStreams streams = new RedisStreams(redis.config())) {
            long now = System.currentTimeMillis();
            for (int i = 0; i < 3; i++) {
                streams.add(StreamKeys.price(Instrument.sol()), PriceTickCodec.INSTANCE.encode(new PriceTick(BigDecimal.TEN, now - 40, now - 28)), now);
            }
            TestClock clock = new TestClock(System.currentTimeMillis());
            try (TestApi api = TestApi.start(redis.url(), clock)) {
                HttpResponse<String> response = api.get("/api/health");
                assertEquals(200, response.statusCode());
                var body = JSON.readTree(response.body());
                assertEquals("up", body.get("redis").asText());
                assertEquals("degraded", body.get("status").asText(), "the bars stream is empty");
                var price = body.get("streams").findParents("key").stream()
                        .filter(n -> n.get("key").asText().equals("market:solusdt:price")).findFirst().orElseThrow();
                assertEquals(3, price.get("length").asLong());
                assertEquals(12, price.get("feed_lag_ms").asLong());
                assertEquals("ok", price.get("status").asText());
                assertEquals(5_000, price.get("silence_budget_ms").asLong());

                clock.advance(10_000);
                var later = JSON.readTree(api.get("/api/health").body()).get("streams").findParents("key").stream()
                        .filter(n -> n.get("key").asText().equals("market:solusdt:price")).findFirst().orElseThrow();
                assertEquals("behind", later.get("status").asText());

                redis.stop();
                HttpResponse<String> down = api.get("/api/health");
                assertEquals(503, down.statusCode());
                assertEquals("down", JSON.readTree(down.body()).get("redis").asText());
            }
        }
    }
}
