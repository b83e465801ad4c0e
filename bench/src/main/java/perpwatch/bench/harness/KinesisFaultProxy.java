package perpwatch.bench.harness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sits between the producers and the Kinesis emulator on 127.0.0.1 and breaks things on cue: {@link #down()} closes
 * the port (connections refused, as when the endpoint is unreachable), {@link #throttle(double)} answers that share
 * of {@code PutRecords} calls with Kinesis's {@code ProvisionedThroughputExceededException}. Everything else passes
 * through unchanged.
 */
final class KinesisFaultProxy implements AutoCloseable {
    private static final Set<String> HOP_HEADERS = Set.of(
            "host", "connection", "content-length", "expect", "upgrade", "transfer-encoding", "keep-alive", "date");

    private final URI target;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final int port;
    private HttpServer server;
    private volatile double throttleShare;
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong passed = new AtomicLong();

    KinesisFaultProxy(URI target, int port) throws IOException {
        this.target = target;
        this.port = port;
        up();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    synchronized void up() throws IOException {
        if (server != null) {
            return;
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "kinesis-fault-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    void throttle(double share) {
        throttleShare = share;
    }

    long throttled() {
        return throttled.get();
    }

    long passed() {
        return passed.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String operation = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (operation != null
                    && operation.endsWith("PutRecords")
                    && ThreadLocalRandom.current().nextDouble() < throttleShare) {
                throttled.incrementAndGet();
                byte[] error =
                        ("{\"__type\":\"ProvisionedThroughputExceededException\",\"message\":\"Rate exceeded for shard"
                                        + " shardId-000000000000 in stream perpwatch-events\"}")
                                .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("x-amzn-ErrorType", "ProvisionedThroughputExceededException");
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
                exchange.sendResponseHeaders(400, error.length);
                exchange.getResponseBody().write(error);
                return;
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()))
                    .timeout(Duration.ofSeconds(10))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase())) {
                    values.forEach(v -> forward.header(name, v));
                }
            });
            HttpResponse<byte[]> answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                }
            });
            passed.incrementAndGet();
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            exchange.getResponseBody().write(answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        down();
    }
}
