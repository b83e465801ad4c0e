package perpwatch.local.sim.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Binance USDⓈ-M futures market-data endpoint on 127.0.0.1, speaking the venue's wire format: raw streams at
 * {@code [/market|/public]/ws/<stream>[/<stream>…]}, combined streams at {@code [/market|/public]/stream?streams=a/b}
 * (payloads wrapped as {@code {"stream":…,"data":…}}), live {@code SUBSCRIBE}/{@code UNSUBSCRIBE}/
 * {@code LIST_SUBSCRIPTIONS} with {@code {"result":…,"id":n}} replies and {@code {"code":n,"msg":…}} errors, and
 * server pings. REST answers {@code /fapi/v1/ping} and {@code /fapi/v1/time}; more routes can be added.
 *
 * <p>It is transport only: what trades to send comes from a tape ({@code perpwatch.local.market}) or a test.
 */
public final class BinanceFuturesSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BinanceFuturesSimulator.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Streams ws;
    private final HttpServer rest;

    private BinanceFuturesSimulator(Streams ws, HttpServer rest) {
        this.ws = ws;
        this.rest = rest;
    }

    /** Starts on free loopback ports ({@code 0}) or the given ones. */
    public static BinanceFuturesSimulator start(int wsPort, int restPort) throws IOException, InterruptedException {
        Streams ws = new Streams(new InetSocketAddress("127.0.0.1", wsPort));
        ws.start();
        if (!ws.started.await(10, TimeUnit.SECONDS)) {
            throw new IOException("simulator WebSocket server did not start");
        }
        HttpServer rest = HttpServer.create(new InetSocketAddress("127.0.0.1", restPort), 0);
        rest.createContext("/fapi/v1/ping", exchange -> respond(exchange, 200, "{}"));
        rest.createContext("/fapi/v1/time", exchange -> respond(exchange, 200, "{\"serverTime\":" + System.currentTimeMillis() + "}"));
        rest.start();
        BinanceFuturesSimulator sim = new BinanceFuturesSimulator(ws, rest);
        LOG.info("binance simulator: ws {} rest {}", sim.wsBase(), sim.restBase());
        return sim;
    }

    public static BinanceFuturesSimulator start() throws IOException, InterruptedException {
        return start(0, 0);
    }

    /** Base without the route prefix: clients append {@code /market/ws/…}, {@code /public/ws/…} or {@code /ws/…}. */
    public String wsBase() {
        return "ws://127.0.0.1:" + ws.getPort();
    }

    public String restBase() {
        return "http://127.0.0.1:" + rest.getAddress().getPort();
    }

    /** Adds a REST route, e.g. {@code /fapi/v1/depth}. */
    public void route(String path, HttpHandler handler) {
        rest.createContext(path, handler);
    }

    /** Sends an event payload to every connection subscribed to {@code stream}, wrapped for combined connections. */
    public void publish(String stream, String payload) {
        for (Map.Entry<WebSocket, Subscription> entry : ws.sessions.entrySet()) {
            Subscription sub = entry.getValue();
            if (sub.streams.contains(stream) && entry.getKey().isOpen()) {
                entry.getKey().send(sub.combined ? "{\"stream\":\"" + stream + "\",\"data\":" + payload + "}" : payload);
            }
        }
    }

    /** Sends a frame as-is to every connection subscribed to {@code stream} (garbage, error frames: for tests). */
    public void sendRaw(String stream, String frame) {
        ws.sessions.forEach((conn, sub) -> {
            if (sub.streams.contains(stream) && conn.isOpen()) {
                conn.send(frame);
            }
        });
    }

    /** Cuts every connection without a close handshake, as a network failure would. */
    public void dropAllConnections() {
        new ArrayList<>(ws.sessions.keySet()).forEach(conn -> conn.closeConnection(1006, "simulated network drop"));
    }

    public int subscribers(String stream) {
        return (int) ws.sessions.values().stream().filter(s -> s.streams.contains(stream)).count();
    }

    @Override
    public void close() {
        rest.stop(0);
        try {
            ws.stop(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** One connection's subscriptions and framing. */
    private record Subscription(boolean combined, Set<String> streams) {
    }

    private static final class Streams extends WebSocketServer {
        final Map<WebSocket, Subscription> sessions = new ConcurrentHashMap<>();
        final CountDownLatch started = new CountDownLatch(1);

        Streams(InetSocketAddress address) {
            super(address);
            setReuseAddr(true);
            // Binance pings every 3 minutes and drops clients that do not pong.
            setConnectionLostTimeout(180);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            Subscription sub = parse(handshake.getResourceDescriptor());
            if (sub == null) {
                conn.close(1008, "unknown path " + handshake.getResourceDescriptor());
                return;
            }
            sessions.put(conn, sub);
        }

        /** {@code /ws/a/b}, {@code /market/ws/a}, {@code /stream?streams=a/b}, {@code /public/stream?streams=a}. */
        static Subscription parse(String resource) {
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
                    streams.addAll(Arrays.asList(query.substring("streams=".length()).split("/")));
                }
                return new Subscription(true, streams);
            }
            return null;
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            Subscription sub = sessions.get(conn);
            if (sub == null) {
                return;
            }
            JsonNode request;
            try {
                request = JSON.readTree(message);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                conn.send("{\"code\":3,\"msg\":\"Invalid JSON: " + e.getOriginalMessage().replace("\"", "'") + "\"}");
                return;
            }
            JsonNode id = request.get("id");
            String idJson = id == null ? "null" : id.toString();
            String method = request.path("method").asText("");
            switch (method) {
                case "SUBSCRIBE" -> {
                    request.path("params").forEach(p -> sub.streams.add(p.asText()));
                    conn.send("{\"result\":null,\"id\":" + idJson + "}");
                }
                case "UNSUBSCRIBE" -> {
                    request.path("params").forEach(p -> sub.streams.remove(p.asText()));
                    conn.send("{\"result\":null,\"id\":" + idJson + "}");
                }
                case "LIST_SUBSCRIPTIONS" -> {
                    List<String> names = new ArrayList<>(new LinkedHashSet<>(sub.streams));
                    conn.send("{\"result\":" + JSON.valueToTree(names) + ",\"id\":" + idJson + "}");
                }
                default -> conn.send("{\"code\":2,\"msg\":\"Invalid request: unknown variant `" + method.replace("\"", "")
                        + "`, expected one of `SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY`\",\"id\":" + idJson + "}");
            }
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            sessions.remove(conn);
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            LOG.debug("simulator connection error: {}", ex.toString());
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }
}
