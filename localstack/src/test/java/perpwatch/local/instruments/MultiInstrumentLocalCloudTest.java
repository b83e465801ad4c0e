package perpwatch.local.instruments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import perpwatch.core.config.Env;
import perpwatch.core.instrument.InstrumentRegistry;
import perpwatch.local.LocalCloud;
import perpwatch.local.LocalCloudOptions;
import perpwatch.local.net.FreePorts;

/**
 * Issue 20's multi-instrument run, end to end in synthetic mode: SOL on every venue, BTC on Binance and Bybit only, ETH
 * on Binance only. The simulators serve all three symbols, the feeds run only the venues each lists, and each symbol's
 * guards answer (not_configured where a venue is absent, never unknown for it) and so do its history routes.
 */
class MultiInstrumentLocalCloudTest {
    static final String INSTRUMENTS = "["
            + "{\"canonical\":\"SOL\",\"binance\":\"SOLUSDT\",\"okx_usdt\":\"SOL-USDT-SWAP\","
            + "\"okx_usdc\":\"SOL-USDC-SWAP\",\"bybit\":\"SOLUSDT\","
            + "\"velocity\":{\"symbol\":\"SOL-PERP\",\"market_index\":0}},"
            + "{\"canonical\":\"BTC\",\"binance\":\"BTCUSDT\",\"bybit\":\"BTCUSDT\"},"
            + "{\"canonical\":\"ETH\",\"binance\":\"ETHUSDT\"}]";
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration PATIENCE = Duration.ofSeconds(120);
    static final List<String> OKX_METRICS = List.of("basis_bps", "basis_okx_bps");
    static final List<String> BYBIT_METRICS = List.of("funding_apr", "oi_notional");
    static final List<String> VELOCITY_METRICS = List.of(
            "velocity_spread_bps",
            "velocity_depth_10bps",
            "velocity_oracle_age_slots",
            "velocity_mark_oracle_bps",
            "velocity_funding_apr",
            "basis_velocity_bps");

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void eachSymbolIsWatchedOnItsOwnVenuesAndItsGuardsAndHistoryAnswer() throws Exception {
        Path fixtures = Path.of(System.getProperty("perpwatch.fixtures", "../../shared/fixtures"));
        Env env = Env.system()
                .with(Map.of(
                        InstrumentRegistry.ENV,
                        INSTRUMENTS,
                        // No archive: this test is about the feeds and the API, not the durable log.
                        "PERPWATCH_DURABLE_LOG",
                        "off"));
        try (LocalCloud cloud = new LocalCloud()) {
            cloud.start(
                    new LocalCloudOptions(LocalCloudOptions.Mode.SYNTHETIC, FreePorts.any(), FreePorts.any(), fixtures),
                    env);
            String api = cloud.apiUrl();
            List<String> workers = cloud.feeds().stream().map(t -> t.name()).toList();
            assertTrue(workers.contains("okx-usdc:SOL"), workers.toString());
            assertTrue(workers.contains("bybit-funding:BTC"), workers.toString());
            assertTrue(workers.contains("binance-trades:ETH"), workers.toString());
            for (String absent : List.of("okx-usdc:BTC", "okx-usdc:ETH", "bybit-funding:ETH")) {
                assertTrue(!workers.contains(absent), absent + " must not run: " + workers);
            }

            // SOL: every metric is configured, and its Bybit metrics come from the shared simulator.
            // Velocity's metrics too: its book, oracle and funding from the local DLOB, Solana node and data API.
            JsonNode sol = await(
                    api,
                    "SOL",
                    g -> fresh(g, "price")
                            && fresh(g, "funding_apr")
                            && VELOCITY_METRICS.stream().allMatch(m -> fresh(g, m)));
            g(sol).fields()
                    .forEachRemaining(e -> assertTrue(
                            !e.getValue().get("state").asText().equals("not_configured"), "SOL " + e.getKey()));
            assertEquals(Set.of("binance", "okx", "bybit"), keys(sol.get("liq_events_5m_by_venue")));

            // BTC: Binance and Bybit data of its own symbol; OKX's metrics are not configured, not unknown.
            JsonNode btc =
                    await(api, "BTC", g -> fresh(g, "price") && fresh(g, "funding_apr") && fresh(g, "spread_bps"));
            for (String metric : concat(OKX_METRICS, VELOCITY_METRICS)) {
                assertEquals("not_configured", g(btc).get(metric).get("state").asText(), "BTC " + metric);
            }
            assertEquals(Set.of("binance", "bybit"), keys(btc.get("liq_events_5m_by_venue")));
            assertTrue(
                    !warnings(btc).stream().anyMatch(w -> w.startsWith("basis")),
                    warnings(btc).toString());

            // ETH: Binance only. Its required metrics are all Binance ones, so it is not a breach for lack of venues.
            JsonNode eth = await(
                    api,
                    "ETH",
                    g -> fresh(g, "price")
                            && fresh(g, "spread_bps")
                            && fresh(g, "depth_10bps")
                            && fresh(g, "liq_events_5m"));
            for (String metric : concat(concat(OKX_METRICS, BYBIT_METRICS), VELOCITY_METRICS)) {
                assertEquals("not_configured", g(eth).get(metric).get("state").asText(), "ETH " + metric);
            }
            assertEquals(Set.of("binance"), keys(eth.get("liq_events_5m_by_venue")));
            assertTrue(!eth.get("status").asText().equals("breach") || hasBreach(eth), eth.toString());

            // Each symbol's prices are its own market's, not another symbol's stream read twice.
            assertTrue(
                    sol.get("price").decimalValue().compareTo(btc.get("price").decimalValue()) != 0
                            || sol.get("price")
                                            .decimalValue()
                                            .compareTo(eth.get("price").decimalValue())
                                    != 0,
                    "three symbols, three markets");

            for (String symbol : List.of("SOL", "BTC", "ETH")) {
                JsonNode history = awaitJson(
                        api + "/api/engine/guards/history?hours=1&symbol=" + symbol,
                        h -> h.get("decisions").size() > 0);
                assertEquals(symbol, history.get("symbol").asText());
                for (String route : List.of("oi_history", "funding_history", "liq_heatmap")) {
                    HttpResponse<String> answer = get(api + "/api/market/" + route + "?hours=1&symbol=" + symbol);
                    assertEquals(200, answer.statusCode(), symbol + " " + route + ": " + answer.body());
                    JSON.readTree(answer.body());
                }
            }
            // Health lists what runs: ETH's Binance streams and links, no OKX or Bybit ones waiting forever.
            JsonNode health = JSON.readTree(get(api + "/api/internal/health").body());
            Set<String> ethVenues = new TreeSet<>();
            health.get("feeds").forEach(f -> {
                if (f.get("symbol").asText().equals("ETH")) {
                    ethVenues.add(f.get("venue").asText());
                }
            });
            assertEquals(Set.of("binance"), ethVenues, health.toString());
            List<String> ethStreams = new ArrayList<>();
            health.get("streams").forEach(st -> {
                if (st.get("key").asText().startsWith("market:eth")) {
                    ethStreams.add(st.get("key").asText());
                }
            });
            assertEquals(
                    List.of(
                            "market:ethusdt:trades",
                            "market:ethusdt:price",
                            "market:ethusdt:book",
                            "market:ethusdt:liquidations"),
                    ethStreams);

            // Nothing polls Bybit for ETH, so its open-interest history is empty rather than someone else's.
            JsonNode ethOi = JSON.readTree(
                    get(api + "/api/market/oi_history?hours=1&symbol=ETH").body());
            assertTrue(ethOi.isEmpty() || ethOi.path("points").isEmpty(), ethOi.toString());
        }
    }

    static JsonNode g(JsonNode answer) {
        return answer.get("guards");
    }

    /** The metric was judged on fresh data: pass, warn or breach (not unknown, not not_configured). */
    static boolean fresh(JsonNode answer, String metric) {
        String state = answer.get("guards").get(metric).get("state").asText();
        return state.equals("pass") || state.equals("warn") || state.equals("breach");
    }

    static boolean hasBreach(JsonNode answer) {
        for (JsonNode guard : answer.get("guards")) {
            if (guard.get("state").asText().equals("breach")) {
                return true;
            }
        }
        return false;
    }

    static Set<String> keys(JsonNode object) {
        Set<String> keys = new TreeSet<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    static List<String> warnings(JsonNode answer) {
        List<String> list = new ArrayList<>();
        answer.get("warnings").forEach(w -> list.add(w.asText()));
        return list;
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    JsonNode await(String api, String symbol, Predicate<JsonNode> ready) throws Exception {
        return awaitJson(api + "/api/engine/guards?symbol=" + symbol, ready);
    }

    JsonNode awaitJson(String url, Predicate<JsonNode> ready) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get(url);
            assertEquals(200, response.statusCode(), url + ": " + response.body());
            last = JSON.readTree(response.body());
            if (ready.test(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not ready within " + PATIENCE + ": " + url + " → " + last);
    }

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
