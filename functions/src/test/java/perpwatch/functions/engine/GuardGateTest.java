package perpwatch.functions.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.model.BookTop;
import perpwatch.core.model.BookTopCodec;
import perpwatch.core.model.OracleReading;
import perpwatch.core.model.OracleReadingCodec;
import perpwatch.core.model.PriceTick;
import perpwatch.core.model.PriceTickCodec;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamKeys;
import perpwatch.core.testing.TestRedis;
import perpwatch.functions.TestApi;

/** The engine contract of the README, held by running its example client against the real API and its failures. */
class GuardGateTest {
    static final Instrument SOL = Instrument.sol();
    TestRedis redis;
    RedisStreams streams;

    @BeforeEach
    void start() {
        redis = TestRedis.start();
        streams = new RedisStreams(redis.config());
    }

    @AfterEach
    void stop() {
        streams.close();
        redis.close();
    }

    void seedEverythingRequired() {
        long now = System.currentTimeMillis();
        streams.add(
                StreamKeys.price(SOL),
                PriceTickCodec.INSTANCE.encode(new PriceTick(new BigDecimal("187.08"), now, now)),
                now);
        streams.add(
                StreamKeys.book(SOL),
                BookTopCodec.INSTANCE.encode(new BookTop(
                        new BigDecimal("187.07"),
                        BigDecimal.TEN,
                        new BigDecimal("187.09"),
                        BigDecimal.TEN,
                        new BigDecimal("1.07"),
                        new BigDecimal("250000"),
                        new BigDecimal("250000"),
                        now,
                        now)),
                now);
        // Velocity's book and oracle: its oracle metrics are required for SOL by default.
        streams.add(
                StreamKeys.velocityBook(SOL),
                BookTopCodec.INSTANCE.encode(new BookTop(
                        new BigDecimal("187.07"),
                        BigDecimal.TEN,
                        new BigDecimal("187.09"),
                        BigDecimal.TEN,
                        new BigDecimal("1.07"),
                        new BigDecimal("60000"),
                        new BigDecimal("60000"),
                        now,
                        now)),
                now);
        streams.add(
                StreamKeys.velocityOracle(SOL),
                OracleReadingCodec.INSTANCE.encode(new OracleReading(
                        "SOL-PERP",
                        new BigDecimal("187.05"),
                        new BigDecimal("0.03"),
                        318_000_000L,
                        318_000_002L,
                        now,
                        now)),
                now);
        for (String venue : StreamKeys.LIQUIDATION_VENUES) {
            streams.heartbeat(StreamKeys.liquidationHeartbeat(SOL, venue), now, java.time.Duration.ofSeconds(60));
        }
    }

    @Test
    void aFreshAnswerIsTakenAsItIs() throws Exception {
        try (TestApi api = TestApi.start(redis.url(), Clock.systemUTC())) {
            // Seeded once the API is up: a slow start on a busy machine must not age the data past its budget.
            seedEverythingRequired();
            String answer = api.get("/api/engine/guards").body();
            // Budgets a busy test machine cannot miss: this test is about the verdict, not the speed.
            String status =
                    new GuardGate(api.server.getURL().toString(), "SOL", 10_000, Duration.ofSeconds(10)).status();
            assertEquals("warning", status, "required metrics fresh, optional funding and basis missing: " + answer);
        }
    }

    @Test
    void anOldAnswerIsABreach() {
        seedEverythingRequired();
        // An API whose answers are stamped ten seconds ago (a stuck cache, a clock far off): older than the budget.
        Clock behind = Clock.offset(Clock.systemUTC(), java.time.Duration.ofSeconds(-10));
        try (TestApi api = TestApi.start(redis.url(), behind)) {
            assertEquals(
                    "breach",
                    new GuardGate(api.server.getURL().toString(), "SOL", 2_000, Duration.ofSeconds(10)).status());
        }
    }

    @Test
    void anHttpErrorIsABreach() {
        try (TestApi api = TestApi.start(redis.url(), Clock.systemUTC(), Map.of())) {
            assertEquals(
                    "breach",
                    new GuardGate(api.server.getURL().toString(), "NOPE", 2_000, Duration.ofSeconds(10)).status(),
                    "a 400");
        }
    }

    @Test
    void aTimeoutAndARefusedConnectionAreBreaches() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertEquals(
                    "breach",
                    new GuardGate("http://127.0.0.1:" + silent.getLocalPort(), "SOL", 2_000, Duration.ofMillis(250))
                            .status(),
                    "accepts, never answers");
        }
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        assertEquals(
                "breach",
                new GuardGate("http://127.0.0.1:" + closed, "SOL", 2_000, Duration.ofMillis(250)).status(),
                "nothing listening");
    }
}
