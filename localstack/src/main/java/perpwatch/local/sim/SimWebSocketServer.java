package perpwatch.local.sim;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket half of a venue simulator on 127.0.0.1: accepts connections, keeps one per-connection state object
 * {@code S} (subscriptions, framing) made by the venue's {@link Protocol}, and offers the fault injection every
 * venue needs (drop all, send raw). What the frames mean is the venue's business.
 */
public final class SimWebSocketServer<S> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimWebSocketServer.class);

    /** A venue's side of the conversation. */
    public interface Protocol<S> {
        /** A new connection to {@code resource} (path and query); null rejects it. */
        S open(WebSocket connection, String resource);

        /** A text frame from the client. */
        void onText(WebSocket connection, S state, String text);
    }

    private final Server server;

    public SimWebSocketServer(String name, int port, int pingIntervalSeconds, Protocol<S> protocol)
            throws IOException, InterruptedException {
        server = new Server(name, new InetSocketAddress("127.0.0.1", port), protocol);
        server.setReuseAddr(true);
        // Venues push each frame as it happens. With Nagle on, a small frame waits for the client's delayed ACK
        // (40 ms on Linux) whenever an earlier one is unacknowledged, which is latency no real venue adds.
        server.setTcpNoDelay(true);
        server.setConnectionLostTimeout(pingIntervalSeconds);
        server.start();
        if (!server.started.await(10, TimeUnit.SECONDS)) {
            throw new IOException(name + " simulator did not start");
        }
    }

    public int port() {
        return server.getPort();
    }

    public String base() {
        return "ws://127.0.0.1:" + port();
    }

    /** Sends to each open connection whose state matches, with the frame built from that state. */
    public void sendWhere(Predicate<S> match, Function<S, String> frame) {
        server.sessions.forEach((conn, state) -> {
            if (conn.isOpen() && match.test(state)) {
                try {
                    conn.send(frame.apply(state));
                } catch (WebsocketNotConnectedException e) {
                    // Closed between the check and the send (a drop in progress): the other connections still get it.
                }
            }
        });
    }

    public void forEach(BiConsumer<WebSocket, S> action) {
        server.sessions.forEach(action);
    }

    public long count(Predicate<S> match) {
        return server.sessions.values().stream().filter(match).count();
    }

    /** Cuts every connection without a close handshake, as a network failure would. */
    public void dropAll() {
        new ArrayList<>(server.sessions.keySet()).forEach(c -> c.closeConnection(1006, "simulated network drop"));
    }

    @Override
    public void close() {
        try {
            server.stop(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Server extends WebSocketServer {
        final Map<WebSocket, S> sessions = new ConcurrentHashMap<>();
        final CountDownLatch started = new CountDownLatch(1);
        final String name;
        final Protocol<S> protocol;

        Server(String name, InetSocketAddress address, Protocol<S> protocol) {
            super(address);
            this.name = name;
            this.protocol = protocol;
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            S state = protocol.open(conn, handshake.getResourceDescriptor());
            if (state == null) {
                conn.close(1008, "unknown path " + handshake.getResourceDescriptor());
                return;
            }
            sessions.put(conn, state);
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            S state = sessions.get(conn);
            if (state != null) {
                protocol.onText(conn, state, message);
            }
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            sessions.remove(conn);
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            LOG.debug("{} simulator connection error: {}", name, ex.toString());
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }
}
