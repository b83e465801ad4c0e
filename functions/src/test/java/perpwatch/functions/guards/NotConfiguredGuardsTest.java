package perpwatch.functions.guards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.instrument.Venue;
import perpwatch.core.model.BookTop;
import perpwatch.core.model.BookTopCodec;
import perpwatch.core.model.PriceTick;
import perpwatch.core.model.PriceTickCodec;
import perpwatch.core.stream.StreamKeys;
import perpwatch.functions.TestApi;

/**
 * A venue the instrument does not list: its metrics are {@code not_configured}, which is neither stale nor unknown. An
 * optional one changes nothing; a required one is a breach with the reason (fail closed for that instrument alone).
 */
class NotConfiguredGuardsTest extends GuardsTestBase {
    static final Instrument ETH =
            Instrument.builder("ETH").on(Venue.BINANCE, "ETHUSDT").build();
    static final String INSTRUMENTS =
            "[{\"canonical\":\"SOL\",\"binance\":\"SOLUSDT\"}," + "{\"canonical\":\"ETH\",\"binance\":\"ETHUSDT\"}]";
    static final List<String> ABSENT = List.of("funding_apr", "oi_notional", "basis_bps", "basis_okx_bps");

    TestApi api(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(extra);
        properties.put("perpwatch.instruments", INSTRUMENTS);
        return TestApi.start(redis.url(), Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), properties);
    }

    void seedEthBinance() {
        streams.add(
                StreamKeys.price(ETH),
                PriceTickCodec.INSTANCE.encode(new PriceTick(new BigDecimal("3020.5"), NOW - 500, NOW - 497)),
                NOW);
        seeder.add(
                StreamKeys.book(ETH),
                BookTopCodec.INSTANCE,
                new BookTop(
                        new BigDecimal("3020.4"),
                        new BigDecimal("50"),
                        new BigDecimal("3020.6"),
                        new BigDecimal("40"),
                        new BigDecimal("0.66"),
                        new BigDecimal("900000"),
                        new BigDecimal("800000"),
                        NOW - 300,
                        NOW - 298),
                NOW - 297);
        seeder.heartbeat(StreamKeys.liquidationHeartbeat(ETH, "binance"), NOW - 2_000);
    }

    @Test
    void anOptionalMetricWithoutItsVenueIsNotConfiguredAndChangesNothing() throws Exception {
        seedEthBinance();
        try (TestApi api = api(Map.of("perpwatch.guard.required", "price,spread_bps,depth_10bps,liq_events_5m"))) {
            JsonNode answer =
                    JSON.readTree(api.get("/api/engine/guards?symbol=ETH").body());
            assertEquals("ETH", answer.get("symbol").asText());
            // The bar is the one Binance metric not seeded: optional and unknown, so a warning, as before.
            assertEquals("warning", answer.get("status").asText(), answer.toString());
            assertEquals("live", answer.get("data_source").asText());
            assertEquals(List.of("bar: no data"), texts(answer.get("warnings")), "no line for what nothing watches");
            JsonNode guards = answer.get("guards");
            for (String metric : ABSENT) {
                assertEquals("not_configured", guards.get(metric).get("state").asText(), metric);
                assertTrue(guards.get(metric).get("value").isNull(), metric);
                assertTrue(answer.get("ages_ms").get(metric).isNull(), metric);
            }
            assertEquals(
                    "not configured: ETH is not listed on bybit",
                    guards.get("funding_apr").get("reason").asText());
            assertEquals(
                    "not configured: ETH is not listed on okx_usdc",
                    guards.get("basis_bps").get("reason").asText());
            assertEquals(
                    "not configured: ETH is not listed on okx_usdt, okx_usdc",
                    guards.get("basis_okx_bps").get("reason").asText());
            // Liquidations are counted on the venue it lists; the others are not awaited as "silent".
            assertEquals("pass", guards.get("liq_events_5m").get("state").asText());
            assertEquals(0, answer.get("liq_events_5m").asInt());
            JsonNode byVenue = answer.get("liq_events_5m_by_venue");
            // Only the venues it lists: okx and bybit are not watched, so they are neither 0 nor "not connected".
            assertEquals(JSON.readTree("{\"binance\":{\"count\":0,\"connected\":true,\"sampled\":true}}"), byVenue);
        }
    }

    @Test
    void theDefaultVelocityRequirementAppliesOnlyWhereVelocityIsListed() throws Exception {
        seedEthBinance();
        try (TestApi api = api(Map.of())) {
            JsonNode answer =
                    JSON.readTree(api.get("/api/engine/guards?symbol=ETH").body());
            assertEquals("warning", answer.get("status").asText(), "ETH is not on Velocity: " + answer);
            assertEquals(List.of("price", "spread_bps", "depth_10bps", "liq_events_5m"), texts(answer.get("required")));
            JsonNode oracle = answer.get("guards").get("velocity_oracle_age_slots");
            assertEquals("not_configured", oracle.get("state").asText());
            assertTrue(!oracle.get("required").asBoolean());
        }
    }

    @Test
    void aRequiredMetricWithoutItsVenueIsABreachWithItsReason() throws Exception {
        seedEthBinance();
        try (TestApi api = api(Map.of("perpwatch.guard.required", "price,funding_apr"))) {
            JsonNode answer =
                    JSON.readTree(api.get("/api/engine/guards?symbol=ETH").body());
            assertEquals("breach", answer.get("status").asText(), answer.toString());
            JsonNode funding = answer.get("guards").get("funding_apr");
            assertEquals("not_configured", funding.get("state").asText());
            assertTrue(funding.get("required").asBoolean());
            assertTrue(
                    texts(answer.get("warnings"))
                            .contains("funding_apr: required, but not configured: ETH is not listed on bybit"),
                    answer.get("warnings").toString());
            // The decision log and its history route answer for the instrument too.
            JsonNode history = JSON.readTree(
                    api.get("/api/engine/guards/history?symbol=ETH&hours=1").body());
            for (long deadline = System.currentTimeMillis() + 10_000;
                    history.get("decisions").isEmpty() && System.currentTimeMillis() < deadline; ) {
                // The decision is written off the request thread.
                Thread.sleep(50);
                history = JSON.readTree(
                        api.get("/api/engine/guards/history?symbol=ETH&hours=1").body());
            }
            assertEquals(
                    "not_configured",
                    history.get("decisions")
                            .get(0)
                            .get("states")
                            .get("funding_apr")
                            .asText(),
                    history.toString());
        }
    }

    @Test
    void redisUnreachableStillTellsNotConfiguredFromUnknown() throws Exception {
        try (TestApi api = api(Map.of())) {
            redis.stop();
            JsonNode answer =
                    JSON.readTree(api.get("/api/engine/guards?symbol=ETH").body());
            assertEquals("breach", answer.get("status").asText());
            assertEquals(
                    "unknown", answer.get("guards").get("price").get("state").asText());
            assertEquals(
                    "not_configured",
                    answer.get("guards").get("oi_notional").get("state").asText());
            assertEquals(
                    JSON.readTree("{\"binance\":{\"count\":null,\"connected\":false,\"sampled\":true}}"),
                    answer.get("liq_events_5m_by_venue"));
        }
    }

    static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }
}
