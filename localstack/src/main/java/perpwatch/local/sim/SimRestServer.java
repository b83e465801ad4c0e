package perpwatch.local.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The REST half of a venue simulator on 127.0.0.1: JSON routes by path, and per-path injected failures (an HTTP
 * status with a body, served a given number of times) so clients' retry paths can be exercised on the real wire.
 */
public final class SimRestServer implements AutoCloseable {
    /** A route's answer: status, JSON body and extra headers (a rate limit's {@code Retry-After}). */
    public record Reply(int status, String body, Map<String, String> headers) {
        public Reply(int status, String body) {
            this(status, body, Map.of());
        }

        public static Reply ok(String body) {
            return new Reply(200, body);
        }
    }

    private record Fault(Reply reply, int remaining) {}

    private final HttpServer server;
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();

    public SimRestServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.start();
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Serves {@code path} with {@code handler(query parameters)}. */
    public void route(String path, Function<Map<String, String>, Reply> handler) {
        server.createContext(path, exchange -> {
            Reply reply = nextFault(path);
            if (reply == null) {
                reply = handler.apply(query(exchange));
            }
            respond(exchange, reply);
        });
    }

    /** The next {@code times} requests to {@code path} get {@code reply} instead of the route's answer. */
    public void failNext(String path, int times, Reply reply) {
        faults.put(path, new Fault(reply, times));
    }

    /** Ends the faults injected on {@code path}: the route answers again. */
    public void clearFaults(String path) {
        faults.remove(path);
    }

    private Reply nextFault(String path) {
        Fault[] taken = new Fault[1];
        faults.computeIfPresent(path, (p, f) -> {
            taken[0] = f;
            return f.remaining() > 1 ? new Fault(f.reply(), f.remaining() - 1) : null;
        });
        return taken[0] == null ? null : taken[0].reply();
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                params.put(
                        URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return params;
    }

    private static void respond(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
