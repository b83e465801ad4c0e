package perpwatch.local.sim.velocity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.java_websocket.WebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.local.market.synthetic.MarketState;
import perpwatch.local.sim.SimRestServer;
import perpwatch.local.sim.SimWebSocketServer;

/**
 * Velocity's DLOB server on 127.0.0.1 as velocity-v1's {@code apps/dlob-server} serves it: {@code GET /l2} answers
 * the latest published document sliced to {@code min(depth, 100)} levels (400 in plain text for a market it does not
 * know), and {@code /ws} takes {@code {"type":"subscribe","channel":"orderbook","market":"SOL-PERP",
 * "marketType":"perp"[,"grouping":n]}}, acks with {@code {"message":"Subscribe received …"}}, sends the stored
 * document once, then pushes {@code {"channel":"orderbook_perp_0_grouped_n","data":"…"}} on every publish and
 * {@code {"channel":"heartbeat"}} on its own timer. A refused subscription gets {@code {"channel":…,"error":…}}.
 * The book comes from the synthetic market through {@link VelocityVenueModel}, which also carries the stalled-oracle
 * and drifting-mark modes.
 */
public final class VelocityDlobSimulator implements AutoCloseable {
    public static final String L2 = "/l2";
    public static final String MARKET = "SOL-PERP";
    public static final int MARKET_INDEX = 0;
    private static final Logger LOG = LoggerFactory.getLogger(VelocityDlobSimulator.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> GROUPINGS = Set.of(1, 10, 100, 500, 1000);
    private static final long TICK = 100;

    /** One connection's orderbook channels. */
    record Session(Set<String> channels) {}

    private final SimRestServer rest;
    private final SimWebSocketServer<Session> ws;
    private final Supplier<MarketState> market;
    private final VelocityVenueModel model;
    private final ScheduledExecutorService timer;
    private volatile ObjectNode latest;
    private volatile boolean refuse;

    private VelocityDlobSimulator(Supplier<MarketState> market, VelocityVenueModel model)
            throws IOException, InterruptedException {
        this.market = market;
        this.model = model;
        this.rest = new SimRestServer(0);
        this.ws = new SimWebSocketServer<>("velocity-dlob", 0, 0, new Protocol());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "velocity-dlob-sim");
            t.setDaemon(true);
            return t;
        });
        rest.route(L2, this::l2);
        publishNow();
    }

    /**
     * Starts both halves on free loopback ports and publishes every {@code publishEvery} (the real publisher ticks at
     * 200-400 ms) with a heartbeat every {@code heartbeatEvery} (5 s on the real server).
     */
    public static VelocityDlobSimulator start(
            Supplier<MarketState> market, VelocityVenueModel model, Duration publishEvery, Duration heartbeatEvery)
            throws IOException, InterruptedException {
        VelocityDlobSimulator sim = new VelocityDlobSimulator(market, model);
        sim.timer.scheduleAtFixedRate(
                sim::publishQuietly, publishEvery.toMillis(), publishEvery.toMillis(), TimeUnit.MILLISECONDS);
        sim.timer.scheduleAtFixedRate(
                () -> sim.ws.sendWhere(s -> true, s -> VelocityWire.heartbeat()),
                heartbeatEvery.toMillis(),
                heartbeatEvery.toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info("velocity dlob simulator: http {} ws {}", sim.restBase(), sim.wsUrl());
        return sim;
    }

    public String restBase() {
        return rest.base();
    }

    public String wsUrl() {
        return ws.base() + "/ws";
    }

    /** For HTTP-level faults on {@link #L2} ({@code failNext} a 429 or a 502 page). */
    public SimRestServer rest() {
        return rest;
    }

    public VelocityVenueModel model() {
        return model;
    }

    /** Builds the book from the market's current state, stores it for {@code /l2} and pushes it to subscribers. */
    public synchronized void publishNow() {
        MarketState now = market.get();
        long mark = model.mark(now);
        VelocityWire.Oracle oracle = model.oracle(now);
        long slot = model.slot(now);
        List<VelocityWire.Level> bids = model.bids(mark, now);
        List<VelocityWire.Level> asks = model.asks(mark, now);
        latest = VelocityWire.l2(MARKET, MARKET_INDEX, slot, now.ts(), bids, asks, oracle, oracle, slot - 1, false);
        for (int grouping : GROUPINGS) {
            String channel = channel(grouping);
            if (ws.count(s -> s.channels().contains(channel)) > 0) {
                String frame = VelocityWire.push(
                        channel,
                        VelocityWire.l2(
                                MARKET,
                                MARKET_INDEX,
                                slot,
                                now.ts(),
                                group(bids, grouping, false),
                                group(asks, grouping, true),
                                oracle,
                                oracle,
                                slot - 1,
                                true));
                ws.sendWhere(s -> s.channels().contains(channel), s -> frame);
            }
        }
    }

    /** Sends {@code frame} as it is to every connection: for bad-input scenarios. */
    public void sendRawToAll(String frame) {
        ws.sendWhere(s -> true, s -> frame);
    }

    /** While on, every subscription is answered with the server's error frame, as if the channel were unknown. */
    public void refuseSubscriptions(boolean refuse) {
        this.refuse = refuse;
    }

    public void dropAllConnections() {
        ws.dropAll();
    }

    public long subscribers() {
        return ws.count(s -> !s.channels().isEmpty());
    }

    private void publishQuietly() {
        try {
            publishNow();
        } catch (RuntimeException e) {
            LOG.warn("velocity dlob simulator: publish failed", e);
        }
    }

    private SimRestServer.Reply l2(Map<String, String> query) {
        String name = query.get("marketName");
        boolean byIndex = name == null
                && String.valueOf(MARKET_INDEX).equals(query.get("marketIndex"))
                && "perp".equalsIgnoreCase(query.get("marketType"));
        if (!byIndex && name == null) {
            return new SimRestServer.Reply(
                    400, "Bad Request: (marketName) or (marketIndex and marketType) must be supplied");
        }
        if (!byIndex && !MARKET.equalsIgnoreCase(name)) {
            return new SimRestServer.Reply(400, "Bad Request: unrecognized marketName");
        }
        int depth;
        try {
            depth = Math.min(Integer.parseInt(query.getOrDefault("depth", "100")), 100);
        } catch (NumberFormatException e) {
            depth = 100;
        }
        ObjectNode answer = latest.deepCopy();
        slice((ArrayNode) answer.get("bids"), depth);
        slice((ArrayNode) answer.get("asks"), depth);
        return SimRestServer.Reply.ok(answer.toString());
    }

    private static void slice(ArrayNode levels, int depth) {
        while (levels.size() > Math.max(0, depth)) {
            levels.remove(levels.size() - 1);
        }
    }

    private static String channel(int grouping) {
        return "orderbook_perp_" + MARKET_INDEX + "_grouped_" + grouping;
    }

    /** Buckets levels to {@code grouping} ticks (bids down, asks up), summing sizes per source. */
    private static List<VelocityWire.Level> group(List<VelocityWire.Level> levels, int grouping, boolean asks) {
        if (grouping == 1) {
            return levels;
        }
        long bucket = grouping * TICK;
        TreeMap<Long, Map<String, Long>> grouped = new TreeMap<>();
        for (VelocityWire.Level level : levels) {
            long price = asks
                    ? Math.floorDiv(level.price() + bucket - 1, bucket) * bucket
                    : Math.floorDiv(level.price(), bucket) * bucket;
            Map<String, Long> sources = grouped.computeIfAbsent(price, p -> new TreeMap<>());
            level.sources().forEach((k, v) -> sources.merge(k, v, Long::sum));
        }
        var ordered = asks ? grouped : grouped.descendingMap();
        return ordered.entrySet().stream()
                .map(e -> new VelocityWire.Level(e.getKey(), e.getValue()))
                .toList();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        ws.close();
        rest.close();
    }

    private final class Protocol implements SimWebSocketServer.Protocol<Session> {
        @Override
        public Session open(WebSocket connection, String resource) {
            return resource.startsWith("/ws") ? new Session(ConcurrentHashMap.newKeySet()) : null;
        }

        @Override
        public void onText(WebSocket connection, Session session, String text) {
            JsonNode message;
            try {
                message = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                return; // the real server ignores what it cannot parse
            }
            if (message == null || !message.path("type").isTextual()) {
                return;
            }
            String type = message.path("type").asText().toLowerCase();
            String requested = message.path("channel").isTextual()
                    ? message.path("channel").asText()
                    : null;
            String channel = refuse ? null : channelFor(message);
            if (channel == null) {
                if (requested != null) {
                    connection.send(VelocityWire.subscribeError(requested));
                } else {
                    connection.close(1003, "{\"error\":\"Error subscribing to channel\"}");
                }
                return;
            }
            if (type.equals("subscribe")) {
                session.channels().add(channel);
                connection.send(VelocityWire.subscribeAck(
                        requested,
                        message.path("market").asText(),
                        message.path("marketType").asText()));
                ObjectNode stored = latest;
                if (stored != null) {
                    connection.send(VelocityWire.push(channel, stored));
                }
            } else if (type.equals("unsubscribe")) {
                session.channels().remove(channel);
            }
        }

        /** The server's channel for a request, or null when it would refuse it. */
        private String channelFor(JsonNode message) {
            String marketType = message.path("marketType").asText("").toLowerCase();
            String market = message.path("market").asText("").toUpperCase();
            String channel = message.path("channel").asText("").toLowerCase();
            if (!marketType.equals("perp") || !market.equals(MARKET) || !channel.equals("orderbook")) {
                return null;
            }
            int grouping = message.path("grouping").asInt(1);
            return channel(GROUPINGS.contains(grouping) ? grouping : 1);
        }
    }
}
