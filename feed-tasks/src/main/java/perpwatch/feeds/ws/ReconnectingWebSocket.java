package perpwatch.feeds.ws;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One venue connection that stays up: connect, hand frames to the listener, and on any loss (server close,
 * network error, silence, planned rotation) reconnect with backoff. The loop runs on its own thread, which also
 * acts as the watchdog and sends keepalives, so nothing else needs scheduling.
 *
 * <p>Frames are delivered one at a time in arrival order (the next is requested only after the listener returns),
 * so a listener needs no locking against itself. A listener exception is counted and logged; it never closes the
 * connection, because one bad frame must not cost the frames after it.
 */
public final class ReconnectingWebSocket implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReconnectingWebSocket.class);
    private static final long WATCH_INTERVAL_MS = 100;
    /**
     * A link silent this long gets a probe ping (payload {@link #PROBE}); one whose probe goes unanswered (no pong, no
     * frame) for {@link #PROBE_TIMEOUT_MS} is dead. Why: the JDK client can lose the end of a connection. When the
     * peer's FIN is read while the listener is still inside {@code onText} (no demand), the transport shuts its input
     * and never reports {@code onClose}/{@code onError}, even after the listener requests more; the socket then sits
     * in CLOSE-WAIT and only the (minutes-long) silence limit would notice. The probe bounds that to seconds, whatever
     * the listener does, so a disconnect always reaches the reconnect loop.
     */
    static final long PROBE_AFTER_MS = 2_000;

    static final long PROBE_TIMEOUT_MS = 5_000;
    private static final byte[] PROBE = "pw-probe".getBytes(StandardCharsets.US_ASCII);

    private final String name;
    private final URI uri;
    private final ReconnectPolicy settings;
    private final WebSocketListener listener;
    private final LongSupplier clock;
    private final HttpClient http;
    private final Thread loop;
    private volatile boolean running;
    private volatile WebSocket current;
    /** Completes when the current connection ends; {@link #reconnect} completes it to end the connection at once. */
    private volatile CompletableFuture<Disconnect> currentEnd;

    private volatile boolean endedByListener;
    private volatile long lastFrameAt;
    /** When the current connection last answered a probe ping (its pong does not count as venue traffic). */
    private volatile long lastProbeAnsweredAt;

    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong failedConnects = new AtomicLong();
    private final AtomicLong disconnects = new AtomicLong();
    private final AtomicLong silenceReconnects = new AtomicLong();
    private final AtomicLong rotations = new AtomicLong();
    private final AtomicLong frames = new AtomicLong();
    /**
     * A connection that delivered this many frames proved its subscription works (an ack-and-kick server sends
     * 1–2).
     */
    static final int HEALTHY_FRAMES = 20;

    private final AtomicLong listenerErrors = new AtomicLong();

    public ReconnectingWebSocket(String name, URI uri, ReconnectPolicy policy, WebSocketListener listener) {
        this(name, uri, policy, listener, System::currentTimeMillis);
    }

    ReconnectingWebSocket(
            String name, URI uri, ReconnectPolicy settings, WebSocketListener listener, LongSupplier clock) {
        this.name = name;
        this.uri = uri;
        this.settings = settings;
        this.listener = listener;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .build();
        this.loop = new Thread(this::run, "ws-" + name);
        this.loop.setDaemon(true);
    }

    public void start() {
        running = true;
        loop.start();
    }

    /**
     * When the open connection last received anything (data, ping or pong); empty while disconnected. Liveness for
     * feeds whose data is sparse: a link that answers pings is alive even when the market is calm.
     */
    public OptionalLong lastHeardAt() {
        return current == null ? OptionalLong.empty() : OptionalLong.of(lastFrameAt);
    }

    public ConnectionStats stats() {
        return new ConnectionStats(
                connects.get(),
                failedConnects.get(),
                disconnects.get(),
                silenceReconnects.get(),
                rotations.get(),
                frames.get(),
                listenerErrors.get());
    }

    /** Drops the current connection as if the network had; the loop reconnects. For operators and tests. */
    public void dropConnection() {
        WebSocket ws = current;
        if (ws != null) {
            ws.abort();
        }
    }

    /**
     * Ends the current connection for a reason the listener found (the venue refused the subscription): the loop
     * notices at once (an abort alone is only noticed by the silence watchdog) and reconnects after its backoff.
     * Such a link never counts as healthy, however long it lived, so repeated calls escalate the backoff like failed
     * connects (a venue that keeps refusing is retried about once a minute, not hammered).
     */
    public void reconnect(String reason) {
        endedByListener = true;
        CompletableFuture<Disconnect> end = currentEnd;
        WebSocket ws = current;
        if (end != null) {
            end.complete(new Disconnect(CloseReason.ENDED_BY_LISTENER, reason));
        }
        if (ws != null) {
            ws.abort();
        }
    }

    @Override
    public void close() {
        running = false;
        loop.interrupt();
        dropConnection();
        try {
            loop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        int attempt = 0;
        while (running) {
            Outcome outcome = connectAndServe();
            if (!running) {
                break;
            }
            if (outcome.resetBackoff()) {
                attempt = 0;
            }
            attempt++;
            Duration delay = outcome.reconnectNow()
                    ? Duration.ZERO
                    : settings.backoff().delay(attempt, ThreadLocalRandom.current()::nextDouble);
            LOG.info("[{}] reconnecting in {} ms (attempt {}): {}", name, delay.toMillis(), attempt, outcome.reason());
            if (!sleep(delay.toMillis())) {
                break;
            }
        }
        LOG.info("[{}] stopped", name);
    }

    /** Why a connection ended and how to go on. */
    private record Outcome(String reason, boolean resetBackoff, boolean reconnectNow) {}

    private Outcome connectAndServe() {
        CompletableFuture<Disconnect> closed = new CompletableFuture<>();
        WebSocket ws;
        try {
            ws = http.newWebSocketBuilder()
                    .connectTimeout(settings.connectTimeout())
                    .buildAsync(uri, new Frames(closed))
                    .get(settings.connectTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome("interrupted", false, false);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            failedConnects.incrementAndGet();
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            return new Outcome("connect to " + uri + " failed: " + describe(cause), false, false);
        }
        endedByListener = false;
        currentEnd = closed;
        current = ws;
        long connectedAt = clock.getAsLong();
        long framesBefore = frames.get();
        lastFrameAt = connectedAt;
        lastProbeAnsweredAt = connectedAt;
        connects.incrementAndGet();
        LOG.info("[{}] connected to {}", name, uri);
        try {
            listener.onOpen(text -> ws.sendText(text, true));
        } catch (RuntimeException e) {
            listenerErrors.incrementAndGet();
            LOG.error("[{}] subscribe step failed; dropping the connection", name, e);
            ws.abort();
            closed.complete(new Disconnect(CloseReason.SUBSCRIBE_STEP_FAILED, "subscribe step failed: " + describe(e)));
        }
        // Frames flow only from here on, so the listener never sees data before its subscribe step returned.
        ws.request(1);
        Disconnect end = watch(ws, closed, connectedAt);
        current = null;
        currentEnd = null;
        disconnects.incrementAndGet();
        boolean rotated = end.reason().planned();
        // A link that carried the market and then broke is a network blip, not a venue refusing us: come back at the
        // first backoff step. Only connects that fail, or links that die before carrying anything, escalate.
        boolean healthy = !endedByListener
                && (clock.getAsLong() - connectedAt >= settings.healthyAfter().toMillis()
                        || frames.get() - framesBefore >= HEALTHY_FRAMES);
        safeDisconnect(end);
        return new Outcome(end.description(), healthy || rotated, rotated);
    }

    /** Waits for the connection to end; meanwhile enforces silence and age limits and sends keepalives. */
    private Disconnect watch(WebSocket ws, CompletableFuture<Disconnect> closed, long connectedAt) {
        long lastKeepalive = connectedAt;
        long probeSentAt = -1;
        while (running) {
            try {
                return closed.get(WATCH_INTERVAL_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // still open: check the limits below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                return new Disconnect(CloseReason.CONNECTION_ERROR, "failed: " + describe(e.getCause()));
            }
            long now = clock.getAsLong();
            if (now - lastFrameAt > settings.silenceTimeout().toMillis()) {
                silenceReconnects.incrementAndGet();
                ws.abort();
                return new Disconnect(
                        CloseReason.SILENCE,
                        "silent for " + (now - lastFrameAt) + " ms (limit "
                                + settings.silenceTimeout().toMillis() + " ms)");
            }
            long heardAt = Math.max(lastFrameAt, lastProbeAnsweredAt);
            if (probeSentAt >= 0 && heardAt >= probeSentAt) {
                probeSentAt = -1; // answered: alive
            }
            if (probeSentAt >= 0 && now - probeSentAt >= PROBE_TIMEOUT_MS) {
                ws.abort();
                return new Disconnect(
                        CloseReason.PROBE_UNANSWERED,
                        "no answer to a ping for " + (now - probeSentAt) + " ms (connection lost)");
            }
            if (probeSentAt < 0 && now - heardAt >= PROBE_AFTER_MS) {
                probeSentAt = now;
                ws.sendPing(ByteBuffer.wrap(PROBE)).whenComplete((w, failure) -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
                    if (cause instanceof IOException) {
                        closed.complete(new Disconnect(CloseReason.PING_FAILED, "ping failed: " + describe(cause)));
                    }
                });
            }
            if (settings.maxAge().isPresent()
                    && now - connectedAt >= settings.maxAge().get().toMillis()) {
                rotations.incrementAndGet();
                ws.abort();
                return new Disconnect(CloseReason.ROTATION, "rotation after " + Duration.ofMillis(now - connectedAt));
            }
            if (settings.keepalive().isPresent()) {
                Keepalive keepalive = settings.keepalive().get();
                if (now - lastKeepalive >= keepalive.interval().toMillis()) {
                    lastKeepalive = now;
                    if (keepalive.text() == null) {
                        ws.sendPing(ByteBuffer.allocate(0));
                    } else {
                        ws.sendText(keepalive.text(), true);
                    }
                }
            }
        }
        ws.abort();
        return new Disconnect(CloseReason.CLOSED_BY_US, "closed by us");
    }

    private void safeDisconnect(Disconnect end) {
        try {
            listener.onDisconnect(end);
        } catch (RuntimeException e) {
            listenerErrors.incrementAndGet();
            LOG.error("[{}] disconnect handler failed", name, e);
        }
    }

    private boolean sleep(long ms) {
        if (ms <= 0) {
            return running;
        }
        try {
            Thread.sleep(ms);
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Adapts the JDK listener: reassembles fragments, stamps receive time, and reports the end once. */
    private final class Frames implements WebSocket.Listener {
        private final CompletableFuture<Disconnect> closed;
        private final StringBuilder partial = new StringBuilder();

        Frames(CompletableFuture<Disconnect> closed) {
            this.closed = closed;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            // no request(1) here: connectAndServe requests the first frame after the listener's onOpen
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = clock.getAsLong();
            lastFrameAt = now;
            if (!last) {
                partial.append(data);
                webSocket.request(1);
                return null;
            }
            String text;
            if (partial.isEmpty()) {
                text = data.toString();
            } else {
                text = partial.append(data).toString();
                partial.setLength(0);
            }
            frames.incrementAndGet();
            try {
                listener.onText(text, now);
            } catch (RuntimeException e) {
                listenerErrors.incrementAndGet();
                LOG.error("[{}] frame handler failed on a frame of {} chars; continuing", name, text.length(), e);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            lastFrameAt = clock.getAsLong();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            // The JDK answers pings with pongs itself; a ping still proves the link is alive.
            lastFrameAt = clock.getAsLong();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            if (message.equals(ByteBuffer.wrap(PROBE))) {
                // Our probe's answer proves the link, not venue traffic: the silence limit keeps its meaning.
                lastProbeAnsweredAt = clock.getAsLong();
                webSocket.request(1);
                return null;
            }
            lastFrameAt = clock.getAsLong();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Disconnect(
                    CloseReason.SERVER_CLOSED,
                    "closed by server: " + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason)));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Disconnect(CloseReason.CONNECTION_ERROR, "connection error: " + describe(error)));
        }
    }
}
