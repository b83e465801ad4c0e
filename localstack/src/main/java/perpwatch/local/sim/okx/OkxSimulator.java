package perpwatch.local.sim.okx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.WebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.local.sim.SimRestServer;
import perpwatch.local.sim.SimWebSocketServer;

/**
 * OKX v5 public endpoints on 127.0.0.1 as the venue speaks them: {@code /ws/v5/public} with text {@code ping} →
 * {@code pong}, one {@code {"event":"subscribe",…}} ack per argument, {@code {"event":"error","code":"60018",…}} for
 * unknown channels or instruments (the socket stays open), {@code liquidation-orders} narrowed by {@code instType}
 * only ({@code instId} alone is refused, {@code instId} beside {@code instType} is silently dropped), and the 30 s
 * rule: a connection with nothing sent or pushed for 30 s is closed. {@link #refuseSubscriptions} makes it answer
 * every subscription with the 60018 error frame while it keeps answering pings. REST:
 * {@code /api/v5/public/instruments?instType=SWAP[&instId=…]} with string {@code code}s.
 */
public final class OkxSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OkxSimulator.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One connection: its id, its subscriptions ({@code channel|instId} or {@code channel|instType}) and last activity.
     */
    record Session(String connId, Set<String> subscriptions, AtomicLong lastActivity) {}

    private final SimWebSocketServer<Session> ws;
    private final SimRestServer rest;
    private final Map<String, ObjectNode> instruments = new ConcurrentHashMap<>();
    private final ScheduledExecutorService idleWatch;
    private final long idleLimitMs;
    private volatile boolean refuseSubscriptions;

    private OkxSimulator(int wsPort, int restPort, long idleLimitMs) throws IOException, InterruptedException {
        this.idleLimitMs = idleLimitMs;
        this.ws = new SimWebSocketServer<>("okx", wsPort, 0, new Protocol());
        this.rest = new SimRestServer(restPort);
        rest.route("/api/v5/public/instruments", this::instrumentsReply);
        idleWatch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "okx-sim-idle");
            t.setDaemon(true);
            return t;
        });
        idleWatch.scheduleWithFixedDelay(this::closeIdle, 1, 1, TimeUnit.SECONDS);
    }

    public static OkxSimulator start() throws IOException, InterruptedException {
        return start(30_000);
    }

    public static OkxSimulator start(long idleLimitMs) throws IOException, InterruptedException {
        OkxSimulator sim = new OkxSimulator(0, 0, idleLimitMs);
        LOG.info("okx simulator: ws {} rest {}", sim.publicWsUrl(), sim.restBase());
        return sim;
    }

    public String publicWsUrl() {
        return ws.base() + "/ws/v5/public";
    }

    public String restBase() {
        return rest.base();
    }

    public SimRestServer rest() {
        return rest;
    }

    /** Adds or replaces an instrument row of the instruments REST answer (OKX's JSON object, all values strings). */
    public void instrument(ObjectNode row) {
        instruments.put(row.get("instId").asText(), row);
    }

    /**
     * Pushes {@code {"arg":{"channel":"trades","instId":…},"data":[rows]}} to subscribers of that instrument's trades.
     */
    public void publishTrades(String instId, String dataArrayJson) {
        String key = "trades|" + instId;
        push(key, "{\"arg\":{\"channel\":\"trades\",\"instId\":\"" + instId + "\"},\"data\":" + dataArrayJson + "}");
    }

    /** Pushes liquidation rows to {@code liquidation-orders} subscribers of {@code instType}. */
    public void publishLiquidations(String instType, String dataArrayJson) {
        push(
                "liquidation-orders|" + instType,
                "{\"arg\":{\"channel\":\"liquidation-orders\",\"instType\":\"" + instType + "\"},\"data\":"
                        + dataArrayJson + "}");
    }

    /**
     * While on, every subscribe argument is answered with OKX's {@code 60018} error frame (as recorded from the venue:
     * {@code {"event":"error","msg":"Wrong URL or channel:…","code":"60018","connId":…}}) and nothing is subscribed;
     * pings are still answered, so the link looks alive. Connections already subscribed keep their subscriptions.
     */
    public void refuseSubscriptions(boolean refuse) {
        this.refuseSubscriptions = refuse;
    }

    /** Sends a frame as-is to every connection (garbage, error frames: for tests). */
    public void sendRawToAll(String frame) {
        ws.sendWhere(s -> true, s -> frame);
    }

    public void dropAllConnections() {
        ws.dropAll();
    }

    public long subscribers(String channel, String instIdOrType) {
        return ws.count(s -> s.subscriptions().contains(channel + "|" + instIdOrType));
    }

    private void push(String key, String frame) {
        long now = System.currentTimeMillis();
        ws.sendWhere(s -> s.subscriptions().contains(key), s -> {
            s.lastActivity().set(now);
            return frame;
        });
    }

    private void closeIdle() {
        long now = System.currentTimeMillis();
        ws.forEach((conn, s) -> {
            if (now - s.lastActivity().get() > idleLimitMs && conn.isOpen()) {
                conn.close(4004, "No data received in 30s.");
            }
        });
    }

    private SimRestServer.Reply instrumentsReply(Map<String, String> query) {
        if (!"SWAP".equals(query.get("instType"))) {
            return SimRestServer.Reply.ok("{\"code\":\"51000\",\"msg\":\"Parameter instType error\",\"data\":[]}");
        }
        String instId = query.get("instId");
        if (instId == null) {
            return SimRestServer.Reply.ok(
                    "{\"code\":\"0\",\"msg\":\"\",\"data\":" + JSON.valueToTree(instruments.values()) + "}");
        }
        ObjectNode row = instruments.get(instId);
        if (row == null) {
            return SimRestServer.Reply.ok("{\"code\":\"51001\",\"msg\":\"Instrument ID does not exist\",\"data\":[]}");
        }
        return SimRestServer.Reply.ok("{\"code\":\"0\",\"msg\":\"\",\"data\":[" + row + "]}");
    }

    @Override
    public void close() {
        idleWatch.shutdownNow();
        rest.close();
        ws.close();
    }

    private final class Protocol implements SimWebSocketServer.Protocol<Session> {
        @Override
        public Session open(WebSocket connection, String resource) {
            if (!resource.startsWith("/ws/v5/public")) {
                return null;
            }
            String connId = UUID.randomUUID().toString().substring(0, 8);
            return new Session(connId, ConcurrentHashMap.newKeySet(), new AtomicLong(System.currentTimeMillis()));
        }

        @Override
        public void onText(WebSocket conn, Session session, String text) {
            session.lastActivity().set(System.currentTimeMillis());
            if (text.equals("ping")) {
                conn.send("pong");
                return;
            }
            JsonNode request;
            try {
                request = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                conn.send(error("60012", "Invalid request: " + text.replace("\"", "'"), session));
                return;
            }
            String op = request.path("op").asText("");
            if (!op.equals("subscribe") && !op.equals("unsubscribe")) {
                conn.send(
                        error("60012", "Invalid request: " + request.toString().replace("\"", "'"), session));
                return;
            }
            String idField = request.has("id") ? "\"id\":" + request.get("id") + "," : "";
            for (JsonNode arg : request.path("args")) {
                String channel = arg.path("channel").asText("");
                String instId = arg.path("instId").asText(null);
                String instType = arg.path("instType").asText(null);
                String key;
                String echo;
                if (refuseSubscriptions && op.equals("subscribe")) {
                    conn.send(wrongChannel(channel, instId, instType, session));
                    continue;
                }
                if (channel.equals("liquidation-orders") && instType != null) {
                    key = channel + "|" + instType;
                    echo = "{\"channel\":\"liquidation-orders\",\"instType\":\"" + instType + "\"}";
                } else if (channel.equals("trades") && instId != null && instruments.containsKey(instId)) {
                    key = channel + "|" + instId;
                    echo = "{\"channel\":\"trades\",\"instId\":\"" + instId + "\"}";
                } else {
                    conn.send(wrongChannel(channel, instId, instType, session));
                    continue;
                }
                if (op.equals("subscribe")) {
                    session.subscriptions().add(key);
                } else {
                    session.subscriptions().remove(key);
                }
                conn.send("{" + idField + "\"event\":\"" + op + "\",\"arg\":" + echo + ",\"connId\":\""
                        + session.connId() + "\"}");
            }
        }

        /** The venue's words for a channel it will not serve, naming the argument as sent (instId, else instType). */
        private String wrongChannel(String channel, String instId, String instType, Session session) {
            String argument = instId != null ? ",instId:" + instId : instType != null ? ",instType:" + instType : "";
            return error(
                    "60018",
                    "Wrong URL or channel:" + channel + argument
                            + " doesn't exist. Please use the correct URL, channel and parameters referring to API "
                            + "document.",
                    session);
        }

        private String error(String code, String msg, Session session) {
            return "{\"event\":\"error\",\"msg\":\"" + msg + "\",\"code\":\"" + code + "\",\"connId\":\""
                    + session.connId() + "\"}";
        }
    }
}
