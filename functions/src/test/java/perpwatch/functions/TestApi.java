package perpwatch.functions;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** The functions app on Netty at a random port, pointed at a test Redis, with a clock the test controls. */
public final class TestApi implements AutoCloseable {
    public final ApplicationContext context;
    public final EmbeddedServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    private TestApi(ApplicationContext context, EmbeddedServer server) {
        this.context = context;
        this.server = server;
    }

    public static ApplicationContext context(String redisUrl, long nowMs) {
        return context(redisUrl, Clock.fixed(Instant.ofEpochMilli(nowMs), ZoneOffset.UTC));
    }

    public static ApplicationContext context(String redisUrl, Clock clock) {
        return context(redisUrl, clock, Map.of());
    }

    /** With extra configuration, e.g. {@code perpwatch.helius.auth} or {@code perpwatch.kinesis.endpoint}. */
    public static ApplicationContext context(String redisUrl, Clock clock, Map<String, Object> extra) {
        Map<String, Object> properties = new java.util.HashMap<>(
                Map.of("perpwatch.redis.url", redisUrl, "micronaut.server.port", -1, "perpwatch.durable.log", "off"));
        // Tests change Redis and ask again at once: they read under the strict contract (every request waits for a
        // read that starts after it) unless they set the lag themselves (GuardsReadLagTest).
        properties.put("perpwatch.guard.read.lag", "0ms");
        properties.putAll(extra);
        ApplicationContext context =
                ApplicationContext.builder().properties(properties).build();
        context.registerSingleton(Clock.class, clock);
        return context.start();
    }

    public static TestApi start(String redisUrl, long nowMs) {
        return start(redisUrl, Clock.fixed(Instant.ofEpochMilli(nowMs), ZoneOffset.UTC));
    }

    public static TestApi start(String redisUrl, Clock clock) {
        return start(redisUrl, clock, Map.of());
    }

    public static TestApi start(String redisUrl, Clock clock, Map<String, Object> extra) {
        ApplicationContext context = context(redisUrl, clock, extra);
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        return new TestApi(context, server);
    }

    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.getURL() + pathAndQuery))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> getWithHeader(String pathAndQuery, String name, String value)
            throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.getURL() + pathAndQuery))
                        .header(name, value)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, byte[] body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.stop();
        context.close();
    }
}
