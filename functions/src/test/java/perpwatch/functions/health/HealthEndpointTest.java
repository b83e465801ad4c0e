package perpwatch.functions.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.model.PriceTick;
import perpwatch.core.model.PriceTickCodec;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.FeedLink;
import perpwatch.core.stream.StreamKeys;
import perpwatch.core.testing.TestRedis;
import perpwatch.functions.TestApi;
import perpwatch.functions.TestClock;

class HealthEndpointTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instrument SOL = Instrument.sol();

    static Set<String> states(JsonNode feeds) {
        Set<String> out = new TreeSet<>();
        feeds.forEach(f -> out.add(f.get("state").asText()));
        return out;
    }

    static JsonNode feed(JsonNode body, String task, String venue) {
        for (JsonNode f : body.get("feeds")) {
            if (f.get("task").asText().equals(task) && f.get("venue").asText().equals(venue)) {
                return f;
            }
        }
        throw new AssertionError("no feed " + task + "/" + venue + " in " + body.get("feeds"));
    }

    @Test
    void aFeedLinkIsLiveOnlyWhenItsTaskSaysSubscribedAndAMissingStatusIsNotLive() throws Exception {
        try (TestRedis redis = TestRedis.start();
                RedisStreams streams = new RedisStreams(redis.config())) {
            TestClock clock = new TestClock(System.currentTimeMillis());
            long now = clock.millis();
            Duration ttl = Duration.ofMinutes(1);
            streams.putExpiring(
                    StreamKeys.feedLink(SOL, new FeedLink("binance-trades", "binance")),
                    new FeedLink.Status(FeedLink.State.SUBSCRIBED, now - 1_500).encode(),
                    ttl);
            streams.putExpiring(
                    StreamKeys.feedLink(SOL, new FeedLink("liquidations", "okx")),
                    new FeedLink.Status(FeedLink.State.REFUSED, now - 700).encode(),
                    ttl);
            // Answering pings but not acknowledged: the task says so, and health does not call it live.
            streams.putExpiring(
                    StreamKeys.feedLink(SOL, new FeedLink("liquidations", "bybit")),
                    new FeedLink.Status(FeedLink.State.UNSUBSCRIBED, now - 300).encode(),
                    ttl);
            try (TestApi api = TestApi.start(redis.url(), clock)) {
                JsonNode body = JSON.readTree(api.get("/api/internal/health").body());
                JsonNode trades = feed(body, "binance-trades", "binance");
                assertEquals("subscribed", trades.get("state").asText());
                assertEquals("SOL", trades.get("symbol").asText());
                assertEquals(1_500, trades.get("age_ms").asLong());
                JsonNode okx = feed(body, "liquidations", "okx");
                assertEquals("refused", okx.get("state").asText());
                assertEquals(700, okx.get("age_ms").asLong());
                assertEquals(
                        "unsubscribed",
                        feed(body, "liquidations", "bybit").get("state").asText());
                JsonNode book = feed(body, "binance-book", "binance");
                assertEquals("unsubscribed", book.get("state").asText(), "no status: the task is not running");
                assertTrue(book.get("age_ms").isNull());
                assertEquals("degraded", body.get("status").asText());
            }
        }
    }

    @Test
    void showsLengthAgeAndLagPerStreamAndWhichFeedIsBehind() throws Exception {
        try (TestRedis redis = TestRedis.start();
                RedisStreams streams = new RedisStreams(redis.config())) {
            long now = System.currentTimeMillis();
            for (int i = 0; i < 3; i++) {
                streams.add(
                        StreamKeys.price(Instrument.sol()),
                        PriceTickCodec.INSTANCE.encode(new PriceTick(BigDecimal.TEN, now - 40, now - 28)),
                        now);
            }
            TestClock clock = new TestClock(System.currentTimeMillis());
            try (TestApi api = TestApi.start(redis.url(), clock)) {
                HttpResponse<String> response = api.get("/api/internal/health");
                assertEquals(200, response.statusCode());
                var body = JSON.readTree(response.body());
                assertEquals("up", body.get("redis").asText());
                assertEquals("degraded", body.get("status").asText(), "the bars stream is empty");
                var price = body.get("streams").findParents("key").stream()
                        .filter(n -> n.get("key").asText().equals("market:solusdt:price"))
                        .findFirst()
                        .orElseThrow();
                assertEquals(3, price.get("length").asLong());
                assertEquals(12, price.get("feed_lag_ms").asLong());
                assertEquals("ok", price.get("status").asText());
                assertEquals(5_000, price.get("silence_budget_ms").asLong());

                clock.advance(10_000);
                var later =
                        JSON.readTree(api.get("/api/internal/health").body()).get("streams").findParents("key").stream()
                                .filter(n -> n.get("key").asText().equals("market:solusdt:price"))
                                .findFirst()
                                .orElseThrow();
                assertEquals("behind", later.get("status").asText());

                var feeds = body.get("feeds");
                assertEquals(7, feeds.size(), "every WebSocket link of SOL, velocity-market's DLOB included");
                assertEquals(Set.of("unsubscribed"), states(feeds), "no feed task has written a status");

                redis.stop();
                HttpResponse<String> down = api.get("/api/internal/health");
                assertEquals(503, down.statusCode());
                assertEquals("down", JSON.readTree(down.body()).get("redis").asText());
            }
        }
    }

    @Test
    void thePublicAnswerIsTheStatusWordAlone() throws Exception {
        try (TestRedis redis = TestRedis.start()) {
            try (TestApi api = TestApi.start(redis.url(), new TestClock(System.currentTimeMillis()))) {
                HttpResponse<String> response = api.get("/api/health");
                assertEquals(200, response.statusCode());
                JsonNode body = JSON.readTree(response.body());
                assertEquals(Set.of("status"), fieldNames(body), "no streams, feeds or lags in public");
                assertEquals("degraded", body.get("status").asText());
                redis.stop();
                HttpResponse<String> down = api.get("/api/health");
                assertEquals(503, down.statusCode());
                assertEquals("down", JSON.readTree(down.body()).get("status").asText());
            }
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
