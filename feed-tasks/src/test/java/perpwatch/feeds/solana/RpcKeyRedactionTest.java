package perpwatch.feeds.solana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import perpwatch.core.config.Env;
import perpwatch.core.redis.RedisConfig;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.testing.TestRedis;
import perpwatch.feeds.FeedConfig;
import perpwatch.feeds.FeedTask;
import perpwatch.feeds.FeedTasks;
import perpwatch.feeds.onchain.ProgramProfile;
import perpwatch.feeds.onchain.scan.DriftLiqMapScanner;
import perpwatch.feeds.onchain.scan.DriftLiqMapTask;
import perpwatch.feeds.onchain.scan.LiqMapPublisher;

/**
 * The RPC provider's key never reaches a log line or an exception message: a scan against a local node whose URL
 * holds a fake key, which refuses {@code base64+zstd} and then answers with an error quoting the URL (providers do),
 * and a value that does not parse. Every log line of the run, with its stack traces, is searched for the key.
 */
class RpcKeyRedactionTest {
    static final String KEY = "9b1f3c5e-7a2d-4e6f-8c0b-1d3e5f7a9c2e";

    private HttpServer node;
    private ListAppender<ILoggingEvent> logs;
    private Logger root;
    private String url;

    @BeforeEach
    void start() throws IOException {
        node = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        node.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String echoed = "http://127.0.0.1:" + node.getAddress().getPort() + exchange.getRequestURI();
            byte[] reply;
            int status;
            if (body.contains("base64+zstd")) {
                status = 200;
                reply = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32602,\"message\":"
                                + "\"encoding base64+zstd not supported on " + echoed + "\"}}")
                        .getBytes(StandardCharsets.UTF_8);
            } else {
                status = 403;
                reply = ("forbidden: " + echoed + " (api-key=" + KEY + ")").getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        node.start();
        url = "http://127.0.0.1:" + node.getAddress().getPort() + "/" + KEY + "?api-key=" + KEY;
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stop() {
        root.detachAppender(logs);
        node.stop(0);
    }

    @Test
    void aScanAgainstAKeyedUrlLogsNoKeyOnTheRefusedZstdPathOrAfter() throws Exception {
        SolanaRpcConfig config = new SolanaRpcConfig(URI.create(url), Duration.ofSeconds(5), 2, Duration.ofMillis(1));
        SolanaRpcClient client = new SolanaRpcClient(config);
        SolanaRpcException refused = assertThrows(
                SolanaRpcException.class, () -> client.getProgramAccounts("Prog1111", List.of(), 4096, sink()));
        assertFalse(refused.getMessage().contains(KEY), refused.getMessage());
        assertFalse(config.toString().contains(KEY), config.toString());

        try (TestRedis redis = TestRedis.start();
                RedisStreams streams = new RedisStreams(redis.config())) {
            DriftLiqMapTask task = new DriftLiqMapTask(
                    new DriftLiqMapScanner(
                            new SolanaRpcClient(config), ProgramProfile.DRIFT_V2, 0, System::currentTimeMillis),
                    new LiqMapPublisher(streams),
                    Optional.empty(),
                    Duration.ofHours(1));
            task.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (task.counters().get("scans_failed") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1L, task.counters().get("scans_failed"), "the scan ran and failed");
            task.close();
        }
        assertTrue(logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains("refuses base64+zstd")));
        assertKeyNowhere();
    }

    @Test
    void aValueThatDoesNotParseIsLoggedOnceWithoutItAndTheScanIdles() {
        String malformed = "https://rpc.example/" + KEY + "?x=a b|" + KEY;
        SolanaRpcConfig config = SolanaRpcConfig.fromEnv(Env.of(Map.of(SolanaRpcEndpoint.VARIABLE, malformed)));
        assertTrue(SolanaRpcEndpoint.notConfigured(config.endpoint()).isPresent());
        SolanaRpcConfig placeholder =
                SolanaRpcConfig.fromEnv(Env.of(Map.of(SolanaRpcEndpoint.VARIABLE, SolanaRpcEndpoint.PLACEHOLDER)));
        assertTrue(SolanaRpcEndpoint.notConfigured(placeholder.endpoint()).isPresent(), "the placeholder parses");

        assertTrue(logs.list.stream()
                .anyMatch(e -> e.getFormattedMessage().startsWith("PERPWATCH_SOLANA_RPC_URL is not a valid URL")));
        assertKeyNowhere();
    }

    @Test
    void theScanTaskIdlesOnThePlaceholderAndSaysSoOnce() {
        FeedConfig feedConfig = FeedConfig.fromEnv(Env.of(
                Map.of(SolanaRpcEndpoint.VARIABLE, SolanaRpcEndpoint.PLACEHOLDER, "PERPWATCH_DURABLE_LOG", "off")));
        try (RedisStreams streams = new RedisStreams(RedisConfig.local(TestRedis.freePort()))) {
            List<FeedTask> tasks = FeedTasks.create("drift-liq-map", feedConfig, streams);
            tasks.forEach(FeedTask::start);
            assertEquals(1L, tasks.get(0).counters().get("rpc_not_configured"));
            tasks.forEach(FeedTask::close);
        }
        assertEquals(
                1,
                logs.list.stream()
                        .filter(e -> e.getFormattedMessage().startsWith("drift-liq-map not configured"))
                        .count());
    }

    private void assertKeyNowhere() {
        for (ILoggingEvent e : logs.list) {
            String line = e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()));
            assertFalse(line.contains(KEY), "key in a log line: " + line);
        }
    }

    private static AccountSink sink() {
        return new AccountSink() {
            @Override
            public void restart() {}

            @Override
            public void accept(String pubkey, byte[] data) {}
        };
    }
}
