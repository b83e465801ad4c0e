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
        ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("perpwatch.redis.url", redisUrl, "micronaut.server.port", -1))
                .build();
        context.registerSingleton(Clock.class, clock);
        return context.start();
    }

    public static TestApi start(String redisUrl, long nowMs) {
        return start(redisUrl, Clock.fixed(Instant.ofEpochMilli(nowMs), ZoneOffset.UTC));
    }

    public static TestApi start(String redisUrl, Clock clock) {
        ApplicationContext context = context(redisUrl, clock);
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        return new TestApi(context, server);
    }

    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        server.stop();
        context.close();
    }
}
