package perpwatch.local.onchain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import perpwatch.feeds.solana.SolanaRpcClient;
import perpwatch.feeds.solana.SolanaRpcConfig;
import perpwatch.local.sim.solana.SolanaRpcSimulator;

/** The API as the local cloud runs it, on a loopback port, against a test Redis; and a client for the simulator. */
final class OnchainRig implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ApplicationContext api;
    private final String url;

    private OnchainRig(ApplicationContext api, String url) {
        this.api = api;
        this.url = url;
    }

    static OnchainRig api(String redisUrl) {
        ApplicationContext api = ApplicationContext.builder()
                .properties(Map.of(
                        "perpwatch.redis.url",
                        redisUrl,
                        "micronaut.server.port",
                        0,
                        "micronaut.server.host",
                        "127.0.0.1",
                        "perpwatch.durable.log",
                        "off"))
                .start();
        EmbeddedServer server = api.getBean(EmbeddedServer.class).start();
        return new OnchainRig(api, "http://127.0.0.1:" + server.getPort());
    }

    JsonNode liqMap() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url + "/api/onchain/liq-map?limit=5000"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("liq-map answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    static SolanaRpcClient client(SolanaRpcSimulator sim) {
        return new SolanaRpcClient(
                new SolanaRpcConfig(URI.create(sim.url()), Duration.ofSeconds(30), 2, Duration.ofMillis(10)));
    }

    @Override
    public void close() {
        api.close();
    }
}
