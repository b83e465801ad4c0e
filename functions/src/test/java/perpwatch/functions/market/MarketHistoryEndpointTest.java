package perpwatch.functions.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.model.FundingSnapshot;
import perpwatch.core.model.FundingSnapshotCodec;
import perpwatch.core.model.Liquidation;
import perpwatch.core.model.LiquidationCodec;
import perpwatch.core.model.PositionSide;
import perpwatch.core.model.PriceTick;
import perpwatch.core.model.PriceTickCodec;
import perpwatch.core.model.SettledFunding;
import perpwatch.core.model.SettledFundingCodec;
import perpwatch.core.stream.StreamKeys;
import perpwatch.core.testing.TestRedis;
import perpwatch.functions.StreamSeeder;
import perpwatch.functions.TestApi;
import perpwatch.functions.TestClock;

class MarketHistoryEndpointTest {
    /** Half past an hour, and on a five-minute boundary. */
    static final long NOW = 1_764_001_800_000L;

    static final long HOUR = 3_600_000L;
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instrument SOL = Instrument.sol();

    TestRedis redis;
    StreamSeeder seeder;

    @BeforeEach
    void start() {
        redis = TestRedis.start();
        seeder = new StreamSeeder(redis.url());
    }

    @AfterEach
    void stop() {
        seeder.close();
        redis.close();
    }

    static FundingSnapshot funding(long ts, long oi, String rate8h, String apr) {
        return new FundingSnapshot(
                "SOLUSDT",
                BigDecimal.valueOf(oi),
                BigDecimal.TEN,
                new BigDecimal(rate8h),
                new BigDecimal(rate8h),
                8,
                new BigDecimal(apr),
                ts + HOUR,
                new BigDecimal("187.5"),
                ts,
                ts + 40);
    }

    @Test
    void oiHistoryIsTheLastSampleOfEachHourOldestFirst() throws Exception {
        long from = NOW - 30 * 60_000 - 2 * HOUR;
        // One sample every 20 minutes from an hour before the window; OI = 1000 + k. One entry is corrupt.
        for (int k = 0; from - HOUR + k * 1_200_000L <= NOW; k++) {
            long ts = from - HOUR + k * 1_200_000L;
            seeder.add(
                    StreamKeys.funding(SOL),
                    FundingSnapshotCodec.INSTANCE,
                    funding(ts, 1000 + k, "0.0001", "10.95"),
                    ts + 40);
            if (k == 7) {
                seeder.add(StreamKeys.funding(SOL), Map.of("symbol", "SOLUSDT", "oi_notional", "garbage"), ts + 41);
            }
        }
        try (TestApi api = TestApi.start(redis.url(), NOW)) {
            HttpResponse<String> response = api.get("/api/market/oi_history?hours=3");
            assertEquals(200, response.statusCode());
            assertEquals(JSON.readTree("""
                    [{"timestamp":1763992800000,"oi_notional":1005},\
                    {"timestamp":1763996400000,"oi_notional":1008},\
                    {"timestamp":1764000000000,"oi_notional":1010}]"""), JSON.readTree(response.body()));
            // The open hour's sample moves every minute: kept a minute, not the hour its bin spans.
            assertEquals(
                    "public, max-age=0, s-maxage=60",
                    response.headers().firstValue("Cache-Control").orElse(""));
            String etag = response.headers().firstValue("ETag").orElseThrow();
            HttpResponse<String> again = api.getWithHeader("/api/market/oi_history?hours=3", "If-None-Match", etag);
            assertEquals(304, again.statusCode());
            assertEquals(
                    "public, max-age=0, s-maxage=60",
                    again.headers().firstValue("Cache-Control").orElse(""),
                    "a 304 carries the same directive");
        }
    }

    static SettledFunding settled(long ts, String rate8h, String apr) {
        return new SettledFunding(
                "SOLUSDT", new BigDecimal(rate8h), new BigDecimal(rate8h), 8, new BigDecimal(apr), ts, ts + 60_000);
    }

    @Test
    void fundingHistoryIsTheSettledPrintsThenThePredictedRateLast() throws Exception {
        long settlement = NOW - 1_800_000L; // the hour's start, settled 30 min ago
        // Prints at 8 h steps, the oldest outside a day; each written a minute after its settlement, one written twice.
        for (int k = 3; k >= 0; k--) {
            long ts = settlement - k * 8 * HOUR;
            seeder.add(
                    StreamKeys.fundingSettled(SOL),
                    SettledFundingCodec.INSTANCE,
                    settled(ts, k % 2 == 0 ? "0.0001" : "-0.00005", k % 2 == 0 ? "10.95" : "-5.475"),
                    ts + 60_000);
        }
        seeder.add(
                StreamKeys.fundingSettled(SOL),
                SettledFundingCodec.INSTANCE,
                settled(settlement, "0.0001", "10.95"),
                settlement + 120_000);
        seeder.add(
                StreamKeys.fundingSettled(SOL),
                Map.of("symbol", "SOLUSDT", "funding_rate", "garbage"),
                settlement + 130_000);
        // The ticker's predicted rate, sampled every minute: only the newest is shown.
        for (int k = 0; k < 30; k++) {
            long ts = NOW - 29 * 60_000L + k * 60_000L;
            seeder.add(
                    StreamKeys.funding(SOL),
                    FundingSnapshotCodec.INSTANCE,
                    funding(ts, 1, k == 29 ? "0.0003" : "0.0002", k == 29 ? "32.85" : "21.9"),
                    ts + 40);
        }
        try (TestApi api = TestApi.start(redis.url(), NOW)) {
            JsonNode day = JSON.readTree(api.get("/api/market/funding_history").body());
            assertEquals(
                    JSON.readTree("""
                    [{"timestamp":1763942400000,"funding_rate_8h":0.0001,"funding_apr":10.95,"kind":"settled"},\
                    {"timestamp":1763971200000,"funding_rate_8h":-0.00005,"funding_apr":-5.475,"kind":"settled"},\
                    {"timestamp":1764000000000,"funding_rate_8h":0.0001,"funding_apr":10.95,"kind":"settled"},\
                    {"timestamp":1764001800000,"funding_rate_8h":0.0003,"funding_apr":32.85,"kind":"predicted"}]"""),
                    day,
                    "a JSON array as before (the dashboard reads it), each sample saying which it is, the predicted "
                            + "one last");

            JsonNode hour =
                    JSON.readTree(api.get("/api/market/funding_history?hours=1").body());
            assertEquals(2, hour.size(), "the settlement 30 min ago and the predicted rate");
        }
    }

    @Test
    void withoutAnyTickerSampleThereIsNoPredictedElement() throws Exception {
        seeder.add(
                StreamKeys.fundingSettled(SOL),
                SettledFundingCodec.INSTANCE,
                settled(NOW - HOUR, "0.0001", "10.95"),
                NOW - HOUR + 60_000);
        seeder.add(
                StreamKeys.funding(SOL),
                FundingSnapshotCodec.INSTANCE,
                funding(NOW - 30 * HOUR, 1, "0.0002", "21.9"),
                NOW - 30 * HOUR + 40);
        try (TestApi api = TestApi.start(redis.url(), NOW)) {
            JsonNode day = JSON.readTree(api.get("/api/market/funding_history").body());
            assertEquals(1, day.size(), "a ticker sample older than the window is no current prediction");
            assertEquals("settled", day.get(0).get("kind").asText());
        }
    }

    @Test
    void heatmapBinsByPriceAndTimeAndPinsOutOfBandEventsToFlaggedEdges() throws Exception {
        seeder.add(
                StreamKeys.price(SOL),
                PriceTickCodec.INSTANCE,
                new PriceTick(new BigDecimal("200"), NOW - 300, NOW - 290),
                NOW - 280);
        long start = NOW - HOUR;
        liquidation(start - 1_000, "199", PositionSide.LONG, "1"); // before the first time bin: ignored
        liquidation(start + 1_000, "200.1", PositionSide.LONG, "2"); // price bin floor(10.1 / 0.4) = 25
        liquidation(start + 2_000, "200.3", PositionSide.SHORT, "1"); // floor(10.3 / 0.4) = 25, same cell
        liquidation(NOW - 1_000, "180", PositionSide.LONG, "5"); // under 190: pinned to bin 0
        liquidation(NOW - 500, "215", PositionSide.SHORT, "1"); // over 210: pinned to bin 49
        TestClock clock = new TestClock(NOW);
        try (TestApi api = TestApi.start(redis.url(), clock)) {
            JsonNode map = JSON.readTree(api.get("/api/market/liq_heatmap").body());
            String expected = """
                    [{"price_bin":25,"time_bin":0,"count":2,"total_size":3,"notional_usd":600.5,"longs":1,"clipped":0},\
                    {"price_bin":0,"time_bin":11,"count":1,"total_size":5,"notional_usd":900,"longs":1,"clipped":1},\
                    {"price_bin":49,"time_bin":11,"count":1,"total_size":1,\
                    "notional_usd":215,"longs":0,"clipped":1}]""";
            assertEquals(JSON.readTree(expected), map.get("cells"));
            assertEquals(200, map.get("reference_price").asInt());
            assertEquals("price", map.get("reference_source").asText());
            assertEquals(1, map.get("clipped_below").asInt());
            assertEquals(1, map.get("clipped_above").asInt());
            assertEquals(50, map.get("price_bins").size());
            assertEquals(
                    JSON.readTree("{\"index\":0,\"low\":190,\"high\":190.4}"),
                    map.get("price_bins").get(0));
            assertEquals(
                    JSON.readTree("{\"index\":49,\"low\":209.6,\"high\":210}"),
                    map.get("price_bins").get(49));
            assertEquals(12, map.get("time_bins").size());
            assertEquals(
                    JSON.readTree("{\"index\":0,\"start\":1763998200000,\"end\":1763998500000}"),
                    map.get("time_bins").get(0));
            assertEquals(NOW, map.get("time_bins").get(11).get("end").asLong());
            assertEquals(
                    "2 liquidations outside ±5 % of the reference price are pinned to the edge bins",
                    map.get("warnings").get(0).asText());

            // Polling clients revalidate: unchanged data answers 304 with no body. The answer is kept for a minute
            // (its 5-minute bin width, capped at 60 s): CloudFront may keep it for what is left of that minute.
            HttpResponse<String> first = api.get("/api/market/liq_heatmap");
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertEquals(
                    "public, max-age=0, s-maxage=60",
                    first.headers().firstValue("Cache-Control").orElse(""));
            assertEquals(
                    304,
                    api.getWithHeader("/api/market/liq_heatmap", "If-None-Match", etag)
                            .statusCode());
            liquidation(NOW - 200, "201", PositionSide.SHORT, "3");
            clock.advance(59_000);
            HttpResponse<String> kept = api.getWithHeader("/api/market/liq_heatmap", "If-None-Match", etag);
            assertEquals(304, kept.statusCode(), "within its minute the instance answers from its cache");
            assertEquals(
                    "public, max-age=0, s-maxage=1",
                    kept.headers().firstValue("Cache-Control").orElse(""),
                    "a shared cache keeps it only for what is left of its minute");
            clock.advance(1_000);
            HttpResponse<String> changed = api.getWithHeader("/api/market/liq_heatmap", "If-None-Match", etag);
            assertEquals(200, changed.statusCode(), "a minute on, the new liquidation shows");
            assertTrue(!etag.equals(changed.headers().firstValue("ETag").orElse("")));
            assertEquals(
                    "public, max-age=0, s-maxage=60",
                    changed.headers().firstValue("Cache-Control").orElse(""));

            JsonNode wide =
                    JSON.readTree(api.get("/api/market/liq_heatmap?hours=24").body());
            assertEquals(
                    2 * HOUR,
                    wide.get("time_bins").get(0).get("end").asLong()
                            - wide.get("time_bins").get(0).get("start").asLong(),
                    "time bins scale with hours: 12 bins of 2 h for a day");
        }
    }

    @Test
    void heatmapWithoutAnyPriceHasNoBinsAndSaysSo() throws Exception {
        liquidation(NOW - 1_000, "180", PositionSide.LONG, "5");
        try (TestApi api = TestApi.start(redis.url(), NOW)) {
            JsonNode map = JSON.readTree(api.get("/api/market/liq_heatmap").body());
            assertTrue(map.get("reference_price").isNull());
            assertEquals(0, map.get("cells").size());
            assertTrue(map.get("warnings").get(0).asText().startsWith("no reference price"));
        }
    }

    @Test
    void badParametersAre400NamingThemAndRedisDownIs503() throws Exception {
        try (TestApi api = TestApi.start(redis.url(), NOW)) {
            for (String query : new String[] {"hours=0", "hours=169", "hours=abc", "hours=1.5", "hours=-3"}) {
                for (String route : new String[] {"oi_history", "funding_history", "liq_heatmap"}) {
                    HttpResponse<String> response = api.get("/api/market/" + route + "?" + query);
                    assertEquals(400, response.statusCode(), route + "?" + query);
                    JsonNode error = JSON.readTree(response.body());
                    assertEquals("bad_parameter", error.get("error").asText());
                    assertEquals("hours", error.get("parameter").asText());
                }
            }
            HttpResponse<String> symbol = api.get("/api/market/oi_history?symbol=DOGE");
            assertEquals(400, symbol.statusCode());
            assertEquals("symbol", JSON.readTree(symbol.body()).get("parameter").asText());
            assertEquals(
                    200, api.get("/api/market/oi_history?hours=168&symbol=sol").statusCode());

            redis.stop();
            HttpResponse<String> down = api.get("/api/market/funding_history");
            assertEquals(503, down.statusCode());
            assertEquals("unavailable", JSON.readTree(down.body()).get("error").asText());
            assertFalse(down.body().contains("redis://"), "no internals in the answer");
        }
    }

    void liquidation(long ts, String price, PositionSide side, String qty) {
        BigDecimal p = new BigDecimal(price);
        BigDecimal q = new BigDecimal(qty);
        seeder.add(
                StreamKeys.liquidations(SOL),
                LiquidationCodec.INSTANCE,
                new Liquidation("binance", "SOLUSDT", side, p, q, p.multiply(q), ts, ts + 5),
                ts + 6);
    }
}
