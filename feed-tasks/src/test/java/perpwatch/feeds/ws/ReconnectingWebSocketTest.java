package perpwatch.feeds.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReconnectingWebSocketTest {
    private ScriptedServer server;
    private ReconnectingWebSocket socket;
    private final List<String> texts = new CopyOnWriteArrayList<>();
    private final List<String> disconnects = new CopyOnWriteArrayList<>();

    private static ReconnectPolicy fast(Duration silence) {
        return new ReconnectPolicy(
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), 0.2),
                Duration.ofSeconds(60),
                silence,
                Optional.empty(),
                Optional.empty(),
                Duration.ofSeconds(5));
    }

    @BeforeEach
    void startServer() throws Exception {
        server = new ScriptedServer();
        server.start();
        waitFor(() -> server.getPort() > 0);
    }

    @AfterEach
    void stop() throws Exception {
        if (socket != null) {
            socket.close();
        }
        server.stop(1_000);
    }

    private WebSocketListener recorder(String subscribe) {
        return new WebSocketListener() {
            @Override
            public void onOpen(WebSocketSession session) {
                if (subscribe != null) {
                    session.sendText(subscribe);
                }
            }

            @Override
            public void onText(String text, long recvMs) {
                if (text.equals("boom")) {
                    throw new IllegalStateException("listener bug");
                }
                texts.add(text);
            }

            @Override
            public void onDisconnect(String reason) {
                disconnects.add(reason);
            }
        };
    }

    @Test
    void aListenerCanEndTheConnectionAtOnceAndTheLoopResubscribes() throws Exception {
        // A silence budget far beyond the test: only reconnect() can end the first connection in time.
        socket =
                new ReconnectingWebSocket("t", URI.create(server.url()), fast(Duration.ofMinutes(10)), recorder("SUB"));
        socket.start();
        waitFor(() -> server.received.size() == 1);
        socket.reconnect("subscription refused (code 60018: Wrong URL or channel)");
        waitFor(() -> server.opens.get() == 2 && server.received.size() == 2);
        assertEquals(List.of("subscription refused (code 60018: Wrong URL or channel)"), disconnects);
        assertEquals(2, socket.stats().connects());
    }

    @Test
    void reconnectsAfterTheServerDropsAndResubscribes() throws Exception {
        socket =
                new ReconnectingWebSocket("t", URI.create(server.url()), fast(Duration.ofSeconds(30)), recorder("SUB"));
        socket.start();
        waitFor(() -> server.received.size() == 1);
        server.pushToAll("one");
        waitFor(() -> texts.contains("one"));

        server.dropAll();
        waitFor(() -> server.opens.get() == 2 && server.received.size() == 2);
        assertEquals(List.of("SUB", "SUB"), server.received);
        server.pushToAll("two");
        waitFor(() -> texts.contains("two"));
        assertEquals(2, socket.stats().connects());
        assertEquals(1, disconnects.size());
    }

    @Test
    void aListenerExceptionDoesNotCostTheNextFrame() throws Exception {
        socket = new ReconnectingWebSocket("t", URI.create(server.url()), fast(Duration.ofSeconds(30)), recorder(null));
        socket.start();
        waitFor(() -> server.getConnections().size() == 1);
        server.pushToAll("boom");
        server.pushToAll("after");
        waitFor(() -> texts.contains("after"));
        assertEquals(1, socket.stats().listenerErrors());
        assertEquals(1, socket.stats().connects());
    }

    @Test
    void silenceTriggersAReconnect() throws Exception {
        socket = new ReconnectingWebSocket("t", URI.create(server.url()), fast(Duration.ofMillis(300)), recorder(null));
        socket.start();
        waitFor(() -> socket.stats().silenceReconnects() >= 1 && server.opens.get() >= 2);
        assertTrue(disconnects.get(0).startsWith("silent for"), disconnects.get(0));
    }

    @Test
    void textKeepaliveIsSentOnAQuietConnection() throws Exception {
        ReconnectPolicy policy =
                fast(Duration.ofSeconds(30)).withKeepalive(Keepalive.textFrame(Duration.ofMillis(100), "ping"));
        socket = new ReconnectingWebSocket("t", URI.create(server.url()), policy, recorder(null));
        socket.start();
        waitFor(() -> server.received.stream().filter("ping"::equals).count() >= 3);
    }

    @Test
    void plannedRotationReconnectsWithoutBackoff() throws Exception {
        ReconnectPolicy policy = fast(Duration.ofSeconds(30)).withMaxAge(Duration.ofMillis(300));
        socket = new ReconnectingWebSocket("t", URI.create(server.url()), policy, recorder(null));
        socket.start();
        waitFor(() -> socket.stats().rotations() >= 2);
        assertTrue(disconnects.get(0).startsWith("rotation"), disconnects.get(0));
    }

    @Test
    void anUnreachableVenueIsRetriedUntilItAppears() throws Exception {
        int port = server.getPort();
        server.stop(1_000);
        socket = new ReconnectingWebSocket(
                "t", URI.create("ws://127.0.0.1:" + port + "/ws/test"), fast(Duration.ofSeconds(30)), recorder(null));
        socket.start();
        waitFor(() -> socket.stats().failedConnects() >= 2);
        assertEquals(0, socket.stats().connects());
    }

    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 15 s");
            }
            Thread.sleep(10);
        }
    }
}
