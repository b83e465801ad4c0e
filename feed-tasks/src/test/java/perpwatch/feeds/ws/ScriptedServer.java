package perpwatch.feeds.ws;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/** A plain WebSocket server on 127.0.0.1 that records what clients send and lets a test push or cut. */
final class ScriptedServer extends WebSocketServer {
    final List<String> received = new CopyOnWriteArrayList<>();
    final AtomicInteger opens = new AtomicInteger();
    volatile String greeting;

    ScriptedServer() {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
    }

    String url() {
        return "ws://127.0.0.1:" + getPort() + "/ws/test";
    }

    void pushToAll(String text) {
        getConnections().forEach(c -> c.send(text));
    }

    void dropAll() {
        getConnections().forEach(c -> c.closeConnection(1006, "dropped by test"));
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        opens.incrementAndGet();
        if (greeting != null) {
            conn.send(greeting);
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

    @Override
    public void onMessage(WebSocket conn, String message) {
        received.add(message);
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {}

    @Override
    public void onStart() {}
}
