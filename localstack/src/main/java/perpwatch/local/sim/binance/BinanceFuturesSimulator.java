package perpwatch.local.sim.binance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.java_websocket.WebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.local.sim.SimRestServer;
import perpwatch.local.sim.SimWebSocketServer;

/**
 * A Binance USDⓈ-M futures market-data endpoint on 127.0.0.1, speaking the venue's wire format: raw streams at
 * {@code [/market|/public]/ws/<stream>[/<stream>…]}, combined streams at {@code [/market|/public]/stream?streams=a/b}
 * (payloads wrapped as {@code {"stream":…,"data":…}}), live {@code SUBSCRIBE}/{@code UNSUBSCRIBE}/
 * {@code LIST_SUBSCRIPTIONS} with {@code {"result":…,"id":n}} replies and {@code {"code":n,"msg":…}} errors
 * ({@link #refuseSubscriptions} turns every {@code SUBSCRIBE} into such an error), and server pings every 3 minutes.
 * REST: {@code /fapi/v1/ping}, {@code /fapi/v1/time}, {@code /fapi/v1/depth}, and
 * {@code /fapi/v1/aggTrades} served from the tape of every {@code aggTrade} it has published (whether or not anyone
 * was connected), as the venue serves its history ({@link AggTradeTape}).
 *
 * <p>It is transport only: what to send comes from a tape ({@code perpwatch.local.market}) or a test.
 */
public final class BinanceFuturesSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceFuturesSimulator.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One connection's subscriptions and framing. */
    record Subscription(boolean combined, Set<String> streams) {}

    private final SimWebSocketServer<Subscription> ws;
    private final SimRestServer rest;
    private volatile Function<String, String> depthSnapshots = symbol -> null;
    /** Per symbol, before {@link #depthSnapshots}: several instruments share one simulator. */
    private final Map<String, Supplier<String>> symbolSnapshots = new ConcurrentHashMap<>();

    private final StreamsProtocol protocol;
    private final AggTradeTape tape = new AggTradeTape();

    private BinanceFuturesSimulator(SimWebSocketServer<Subscription> ws, SimRestServer rest, StreamsProtocol protocol) {
        this.protocol = protocol;
        this.ws = ws;
        this.rest = rest;
        rest.route("/fapi/v1/ping", q -> SimRestServer.Reply.ok("{}"));
        rest.route("/fapi/v1/time", q -> SimRestServer.Reply.ok("{\"serverTime\":" + System.currentTimeMillis() + "}"));
        rest.route("/fapi/v1/depth", this::depth);
        rest.route("/fapi/v1/aggTrades", tape::answer);
    }

    /** Starts on free loopback ports ({@code 0}) or the given ones. */
    public static BinanceFuturesSimulator start(int wsPort, int restPort) throws IOException, InterruptedException {
        StreamsProtocol protocol = new StreamsProtocol();
        BinanceFuturesSimulator sim = new BinanceFuturesSimulator(
                new SimWebSocketServer<>("binance", wsPort, 180, protocol), new SimRestServer(restPort), protocol);
        LOG.info("binance simulator: ws {} rest {}", sim.wsBase(), sim.restBase());
        return sim;
    }

    public static BinanceFuturesSimulator start() throws IOException, InterruptedException {
        return start(0, 0);
    }

    /** Base without the route prefix: clients append {@code /market/ws/…}, {@code /public/ws/…} or {@code /ws/…}. */
    public String wsBase() {
        return ws.base();
    }

    public String restBase() {
        return rest.base();
    }

    public SimRestServer rest() {
        return rest;
    }

    /** Where {@code GET /fapi/v1/depth?symbol=S} gets its body (the REST snapshot JSON), per uppercase symbol. */
    public void depthSnapshots(Function<String, String> bySymbol) {
        this.depthSnapshots = bySymbol;
    }

    /** Where {@code GET /fapi/v1/depth?symbol=S} gets its body for this one symbol, whatever the others do. */
    public void depthSnapshot(String symbol, Supplier<String> snapshot) {
        symbolSnapshots.put(symbol, snapshot);
    }

    private SimRestServer.Reply depth(Map<String, String> query) {
        String symbol = query.get("symbol");
        if (symbol == null) {
            return new SimRestServer.Reply(
                    400,
                    "{\"code\":-1102,\"msg\":\"Mandatory parameter 'symbol' was not sent, was empty/null, or "
                            + "malformed.\"}");
        }
        Supplier<String> own = symbolSnapshots.get(symbol);
        String body = own != null ? own.get() : depthSnapshots.apply(symbol);
        return body == null
                ? new SimRestServer.Reply(400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}")
                : SimRestServer.Reply.ok(body);
    }

    /** Sends an event payload to every connection subscribed to {@code stream}, wrapped for combined connections. */
    public void publish(String stream, String payload) {
        if (stream.endsWith("@aggTrade")) {
            tape.record(payload);
        }
        ws.sendWhere(
                s -> s.streams().contains(stream),
                s -> s.combined() ? "{\"stream\":\"" + stream + "\",\"data\":" + payload + "}" : payload);
    }

    /**
     * While on, every {@code SUBSCRIBE} message is answered with an error in the documented shape,
     * {@code {"code":2,"msg":"Invalid request: …","id":n}}, echoing the request's id, and nothing is subscribed;
     * protocol pings are still answered. (Binance documents code 2 "Invalid request" errors only for malformed
     * requests, not a text for a stream it will not serve, so the message names the refused streams.) Streams named in
     * the URL are not affected: such a connection is refused at the handshake or not at all.
     */
    public void refuseSubscriptions(boolean refuse) {
        protocol.refuseSubscriptions = refuse;
    }

    /** Sends a frame as-is to every connection subscribed to {@code stream} (garbage, error frames: for tests). */
    public void sendRaw(String stream, String frame) {
        ws.sendWhere(s -> s.streams().contains(stream), s -> frame);
    }

    /** The aggTrade history REST serves. */
    public AggTradeTape tape() {
        return tape;
    }

    /** Cuts every connection without a close handshake, as a network failure would. */
    public void dropAllConnections() {
        ws.dropAll();
    }

    public int subscribers(String stream) {
        return (int) ws.count(s -> s.streams().contains(stream));
    }

    @Override
    public void close() {
        rest.close();
        ws.close();
    }

    static final class StreamsProtocol implements SimWebSocketServer.Protocol<Subscription> {
        volatile boolean refuseSubscriptions;

        /** {@code /ws/a/b}, {@code /market/ws/a}, {@code /stream?streams=a/b}, {@code /public/stream?streams=a}. */
        @Override
        public Subscription open(WebSocket connection, String resource) {
            URI uri = URI.create(resource);
            String path = uri.getPath();
            if (path.startsWith("/market/") || path.startsWith("/public/")) {
                path = path.substring(path.indexOf('/', 1));
            }
            Set<String> streams = ConcurrentHashMap.newKeySet();
            if (path.startsWith("/ws/")) {
                streams.addAll(Arrays.asList(path.substring(4).split("/")));
                return new Subscription(false, streams);
            }
            if (path.equals("/ws")) {
                return new Subscription(false, streams);
            }
            if (path.equals("/stream")) {
                String query = uri.getQuery();
                if (query != null && query.startsWith("streams=")) {
                    streams.addAll(
                            Arrays.asList(query.substring("streams=".length()).split("/")));
                }
                return new Subscription(true, streams);
            }
            return null;
        }

        @Override
        public void onText(WebSocket conn, Subscription sub, String message) {
            JsonNode request;
            try {
                request = JSON.readTree(message);
            } catch (JsonProcessingException e) {
                conn.send("{\"code\":3,\"msg\":\"Invalid JSON: "
                        + e.getOriginalMessage().replace("\"", "'") + "\"}");
                return;
            }
            JsonNode id = request.get("id");
            String idJson = id == null ? "null" : id.toString();
            String method = request.path("method").asText("");
            switch (method) {
                case "SUBSCRIBE" -> {
                    if (refuseSubscriptions) {
                        conn.send("{\"code\":2,\"msg\":\"Invalid request: stream not served: "
                                + request.path("params").toString().replace("\"", "'") + "\",\"id\":" + idJson + "}");
                        return;
                    }
                    request.path("params").forEach(p -> sub.streams().add(p.asText()));
                    conn.send("{\"result\":null,\"id\":" + idJson + "}");
                }
                case "UNSUBSCRIBE" -> {
                    request.path("params").forEach(p -> sub.streams().remove(p.asText()));
                    conn.send("{\"result\":null,\"id\":" + idJson + "}");
                }
                case "LIST_SUBSCRIPTIONS" -> {
                    List<String> names = new ArrayList<>(sub.streams());
                    conn.send("{\"result\":" + JSON.valueToTree(names) + ",\"id\":" + idJson + "}");
                }
                default ->
                    conn.send("{\"code\":2,\"msg\":\"Invalid request: unknown variant `" + method.replace("\"", "")
                            + "`, expected one of `SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, "
                            + "`GET_PROPERTY`\",\"id\":"
                            + idJson + "}");
            }
        }
    }
}
