package perpwatch.local.sim.bybit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.java_websocket.WebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.local.sim.SimRestServer;
import perpwatch.local.sim.SimWebSocketServer;

/**
 * Bybit v5 public endpoints on 127.0.0.1 as the venue speaks them: {@code /v5/public/linear} with
 * {@code {"op":"ping"}} → {@code {"success":true,"ret_msg":"pong",…,"op":"ping"}}, one subscribe ack per request,
 * {@code success:false} with {@code Invalid topic: …} for unknown topics (and for every topic while
 * {@link #refuseSubscriptions} is on, pings still answered); REST {@code /v5/market/open-interest},
 * {@code /v5/market/tickers}, {@code /v5/market/instruments-info}, {@code /v5/market/funding/history} in the {@code
 * retCode}/{@code result} envelope,
 * each answered from a {@code result} supplier so tapes and tests decide the market.
 */
public final class BybitSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BybitSimulator.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String OPEN_INTEREST = "/v5/market/open-interest";
    public static final String TICKERS = "/v5/market/tickers";
    public static final String INSTRUMENTS_INFO = "/v5/market/instruments-info";
    public static final String FUNDING_HISTORY = "/v5/market/funding/history";

    /** One connection: its id and topics. */
    record Session(String connId, Set<String> topics) {}

    private final SimWebSocketServer<Session> ws;
    private final SimRestServer rest;
    private final Map<String, Function<Map<String, String>, String>> results = new ConcurrentHashMap<>();
    /** Per path and symbol ({@code path + " " + symbol}): several instruments share one simulator. */
    private final Map<String, Function<Map<String, String>, String>> symbolResults = new ConcurrentHashMap<>();

    private volatile Set<String> knownSymbols = Set.of("SOLUSDT");
    private volatile boolean refuseSubscriptions;

    private BybitSimulator() throws IOException, InterruptedException {
        ws = new SimWebSocketServer<>("bybit", 0, 0, new Protocol());
        rest = new SimRestServer(0);
        for (String path : new String[] {OPEN_INTEREST, TICKERS, INSTRUMENTS_INFO, FUNDING_HISTORY}) {
            rest.route(path, query -> reply(path, query));
        }
    }

    public static BybitSimulator start() throws IOException, InterruptedException {
        BybitSimulator sim = new BybitSimulator();
        LOG.info("bybit simulator: ws {} rest {}", sim.linearWsUrl(), sim.restBase());
        return sim;
    }

    public String linearWsUrl() {
        return ws.base() + "/v5/public/linear";
    }

    public String restBase() {
        return rest.base();
    }

    /** For HTTP-level faults ({@code failNext}). */
    public SimRestServer rest() {
        return rest;
    }

    public void symbols(Set<String> symbols) {
        this.knownSymbols = Set.copyOf(symbols);
    }

    /** Adds a symbol to those the venue knows, keeping the others (one per instrument listed on Bybit). */
    public synchronized void addSymbol(String symbol) {
        Set<String> symbols = new HashSet<>(knownSymbols);
        symbols.add(symbol);
        this.knownSymbols = Set.copyOf(symbols);
    }

    /** As {@link #result(String, Function)} for one symbol only; it wins over the path's own supplier. */
    public void result(String path, String symbol, Function<Map<String, String>, String> supplier) {
        symbolResults.put(path + " " + symbol, supplier);
    }

    /** The JSON of {@code result} for a REST path, from the query parameters; null answers "symbol invalid". */
    public void result(String path, Function<Map<String, String>, String> supplier) {
        results.put(path, supplier);
    }

    /** Pushes a complete topic message ({@code {"topic":…,"type":"snapshot","ts":…,"data":…}}) to its subscribers. */
    public void publish(String topic, String message) {
        ws.sendWhere(s -> s.topics().contains(topic), s -> message);
    }

    /**
     * While on, every subscribe request is answered with Bybit's failure frame
     * ({@code {"success":false,"ret_msg":"Invalid topic: …",…,"op":"subscribe"}}) and nothing is subscribed; pings
     * are still answered. Connections already subscribed keep their topics.
     */
    public void refuseSubscriptions(boolean refuse) {
        this.refuseSubscriptions = refuse;
    }

    public void sendRawToAll(String frame) {
        ws.sendWhere(s -> true, s -> frame);
    }

    public void dropAllConnections() {
        ws.dropAll();
    }

    public long subscribers(String topic) {
        return ws.count(s -> s.topics().contains(topic));
    }

    private SimRestServer.Reply reply(String path, Map<String, String> query) {
        long now = System.currentTimeMillis();
        String symbol = query.get("symbol");
        if (!"linear".equals(query.get("category")) || symbol == null || !knownSymbols.contains(symbol)) {
            return SimRestServer.Reply.ok("{\"retCode\":10001,\"retMsg\":\"params error: symbol "
                    + "invalid\",\"result\":{},\"retExtInfo\":{},\"time\":"
                    + now + "}");
        }
        if (path.equals(OPEN_INTEREST) && query.get("intervalTime") == null) {
            return SimRestServer.Reply.ok(
                    "{\"retCode\":10001,\"retMsg\":\"Illegal category\",\"result\":{},\"retExtInfo\":{},\"time\":" + now
                            + "}");
        }
        Function<Map<String, String>, String> supplier =
                symbolResults.getOrDefault(path + " " + symbol, results.get(path));
        String result = supplier == null ? null : supplier.apply(query);
        if (result == null) {
            return SimRestServer.Reply.ok("{\"retCode\":10001,\"retMsg\":\"params error: symbol "
                    + "invalid\",\"result\":{},\"retExtInfo\":{},\"time\":"
                    + now + "}");
        }
        return SimRestServer.Reply.ok(
                "{\"retCode\":0,\"retMsg\":\"OK\",\"result\":" + result + ",\"retExtInfo\":{},\"time\":" + now + "}");
    }

    @Override
    public void close() {
        rest.close();
        ws.close();
    }

    private final class Protocol implements SimWebSocketServer.Protocol<Session> {
        @Override
        public Session open(WebSocket connection, String resource) {
            return resource.startsWith("/v5/public/linear")
                    ? new Session(UUID.randomUUID().toString(), ConcurrentHashMap.newKeySet())
                    : null;
        }

        @Override
        public void onText(WebSocket conn, Session session, String text) {
            JsonNode request;
            try {
                request = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                conn.send("{\"success\":false,\"ret_msg\":\"error:request not json\",\"conn_id\":\"" + session.connId()
                        + "\",\"op\":\"\"}");
                return;
            }
            String reqId = request.path("req_id").asText("");
            String op = request.path("op").asText("");
            switch (op) {
                case "ping" ->
                    conn.send("{\"success\":true,\"ret_msg\":\"pong\",\"conn_id\":\"" + session.connId()
                            + "\",\"req_id\":\"" + reqId + "\",\"op\":\"ping\"}");
                case "subscribe", "unsubscribe" -> {
                    for (JsonNode arg : request.path("args")) {
                        String topic = arg.asText();
                        int dot = topic.lastIndexOf('.');
                        String kind = dot < 0 ? "" : topic.substring(0, dot);
                        String symbol = dot < 0 ? "" : topic.substring(dot + 1);
                        boolean known =
                                (kind.equals("allLiquidation") || kind.equals("tickers") || kind.equals("publicTrade"))
                                        && knownSymbols.contains(symbol)
                                        && !(refuseSubscriptions && op.equals("subscribe"));
                        if (!known) {
                            conn.send("{\"success\":false,\"ret_msg\":\"Invalid topic: " + topic.replace("\"", "")
                                    + "\",\"conn_id\":\"" + session.connId() + "\",\"req_id\":\"" + reqId
                                    + "\",\"op\":\"" + op + "\"}");
                            return;
                        }
                    }
                    request.path("args").forEach(a -> {
                        if (op.equals("subscribe")) {
                            session.topics().add(a.asText());
                        } else {
                            session.topics().remove(a.asText());
                        }
                    });
                    conn.send("{\"success\":true,\"ret_msg\":\"\",\"conn_id\":\"" + session.connId()
                            + "\",\"req_id\":\"" + reqId + "\",\"op\":\"" + op + "\"}");
                }
                default ->
                    conn.send("{\"success\":false,\"ret_msg\":\"error:handler not found\",\"conn_id\":\""
                            + session.connId() + "\",\"req_id\":\"" + reqId + "\",\"op\":\"" + op.replace("\"", "")
                            + "\"}");
            }
        }
    }
}
