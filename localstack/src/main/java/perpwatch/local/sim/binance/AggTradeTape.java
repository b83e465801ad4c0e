package perpwatch.local.sim.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import perpwatch.local.sim.SimRestServer;

/**
 * Every {@code aggTrade} the simulator published, per symbol, served as {@code GET /fapi/v1/aggTrades}: the
 * USDⓈ-M rows {@code {"a":…,"p":"…","q":"…","f":…,"l":…,"T":…,"m":…}} in id order; {@code fromId} inclusive, else
 * the most recent; {@code limit} default 500, at most 1000; a missing symbol is error -1102 and a limit over 1000
 * error -1130, as on the venue. Requests are logged so tests can see what a client asked for.
 */
public final class AggTradeTape {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_LIMIT = 500;
    private static final int MAX_LIMIT = 1000;

    private final Map<String, NavigableMap<Long, String>> rows = new ConcurrentHashMap<>();
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

    /** Records a stream payload (raw, not the combined wrapper); anything that is not an aggTrade is ignored. */
    public void record(String payload) {
        JsonNode e;
        try {
            e = JSON.readTree(payload);
        } catch (Exception ignored) {
            return;
        }
        if (e == null
                || !"aggTrade".equals(e.path("e").asText())
                || !e.path("a").canConvertToLong()) {
            return;
        }
        String row = "{\"a\":" + e.get("a").asLong() + ",\"p\":\"" + e.path("p").asText() + "\",\"q\":\""
                + e.path("q").asText()
                + "\",\"f\":" + e.path("f").asLong() + ",\"l\":" + e.path("l").asLong() + ",\"T\":"
                + e.path("T").asLong()
                + ",\"m\":" + e.path("m").asBoolean() + "}";
        rows.computeIfAbsent(e.path("s").asText(), s -> new ConcurrentSkipListMap<>())
                .put(e.get("a").asLong(), row);
    }

    /** Query parameters of every aggTrades request answered (faults injected by the REST server are not seen here). */
    public List<Map<String, String>> requests() {
        return List.copyOf(requests);
    }

    SimRestServer.Reply answer(Map<String, String> query) {
        requests.add(Map.copyOf(query));
        String symbol = query.get("symbol");
        if (symbol == null || symbol.isEmpty()) {
            return new SimRestServer.Reply(
                    400,
                    "{\"code\":-1102,\"msg\":\"Mandatory parameter 'symbol' was not sent, was empty/null, or "
                            + "malformed.\"}");
        }
        int limit;
        try {
            limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : DEFAULT_LIMIT;
        } catch (NumberFormatException e) {
            return new SimRestServer.Reply(
                    400,
                    "{\"code\":-1100,\"msg\":\"Illegal characters found in parameter 'limit'; legal range is "
                            + "'^[0-9]{1,20}$'.\"}");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return new SimRestServer.Reply(
                    400, "{\"code\":-1130,\"msg\":\"Data sent for parameter 'limit' is not valid.\"}");
        }
        NavigableMap<Long, String> tape = rows.getOrDefault(symbol, new ConcurrentSkipListMap<>());
        List<String> page = new ArrayList<>(Math.min(limit, tape.size()));
        if (query.containsKey("fromId")) {
            for (String row :
                    tape.tailMap(Long.parseLong(query.get("fromId")), true).values()) {
                if (page.size() == limit) {
                    break;
                }
                page.add(row);
            }
        } else {
            for (String row : tape.descendingMap().values()) {
                if (page.size() == limit) {
                    break;
                }
                page.add(0, row);
            }
        }
        return SimRestServer.Reply.ok("[" + String.join(",", page) + "]");
    }
}
