package perpwatch.core.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.testing.SwitchableProxy;
import perpwatch.core.testing.TestRedis;
import redis.embedded.RedisServer;

/**
 * An ElastiCache failover, locally: two real redis-server processes (primary and replica), the replica promoted with
 * {@code REPLICAOF NO ONE} and the old primary demoted under it, and the endpoint's name moved (a TCP proxy switched
 * to the new primary). Writes through {@link BufferedStreamWriter} resume within 5 s and none is lost.
 */
class RedisFailoverTest {
    private static final StreamKey KEY = new StreamKey("test:failover", Duration.ofHours(1));
    private static final Duration RESUME_WITHIN = Duration.ofSeconds(5);

    private final int primaryPort = TestRedis.freePort();
    private final int replicaPort = TestRedis.freePort();
    private RedisServer primary;
    private RedisServer replica;
    private RedisClient admin;
    private final Map<Integer, StatefulRedisConnection<String, String>> connections = new HashMap<>();

    @BeforeEach
    void startPrimaryAndReplica() throws IOException, InterruptedException {
        primary = server(primaryPort, null);
        replica = server(replicaPort, primaryPort);
        admin = RedisClient.create();
        awaitLinkUp(replicaPort);
    }

    @AfterEach
    void stop() throws IOException {
        admin.shutdown();
        primary.stop();
        replica.stop();
    }

    @Test
    void aDemotedPrimaryAnsweringReadonlyIsDroppedAndWritesResumeOnTheNewPrimaryWithNothingLost() throws Exception {
        try (SwitchableProxy endpoint = new SwitchableProxy(primaryPort);
                RedisStreams redis = new RedisStreams(new RedisConfig(endpoint.url(), Duration.ofMillis(500)))) {
            BufferedStreamWriter writer = new BufferedStreamWriter(redis, 100_000, System::currentTimeMillis);
            int sent = 0;
            for (; sent < 200; sent++) {
                assertTrue(writer.write(KEY, Map.of("n", Integer.toString(sent))), "before the failover");
            }
            failover();
            // The name has not moved yet: the old primary answers READONLY, records wait in the backlog.
            for (int i = 0; i < 50; i++, sent++) {
                writer.write(KEY, Map.of("n", Integer.toString(sent)));
            }
            assertTrue(writer.backlog() > 0, "the demoted primary refused the writes");

            endpoint.switchTo(replicaPort);
            sent = writeUntilDrained(writer, sent);

            assertEquals(0, writer.backlog());
            assertEquals(0, writer.dropped());
            assertEquals(sent, writer.written(), "every record in was written");
            assertEquals(sent, commands(replicaPort).xlen(KEY.name()), "every record is on the new primary");
        }
    }

    @Test
    void aConnectionResetAtFailoverReconnectsToTheNewPrimary() throws Exception {
        try (SwitchableProxy endpoint = new SwitchableProxy(primaryPort);
                RedisStreams redis = new RedisStreams(new RedisConfig(endpoint.url(), Duration.ofMillis(500)))) {
            BufferedStreamWriter writer = new BufferedStreamWriter(redis, 100_000, System::currentTimeMillis);
            int sent = 0;
            for (; sent < 100; sent++) {
                assertTrue(writer.write(KEY, Map.of("n", Integer.toString(sent))));
            }
            failover();
            endpoint.switchTo(replicaPort);
            endpoint.resetAll();
            sent = writeUntilDrained(writer, sent);

            assertEquals(0, writer.dropped());
            assertEquals(sent, commands(replicaPort).xlen(KEY.name()));
        }
    }

    /** Keeps writing (a feed does) until the backlog is empty; fails if that takes longer than the bound. */
    private static int writeUntilDrained(BufferedStreamWriter writer, int sent) throws InterruptedException {
        long deadline = System.nanoTime() + RESUME_WITHIN.toNanos();
        boolean drained = false;
        while (!drained && System.nanoTime() < deadline) {
            drained = writer.write(KEY, Map.of("n", Integer.toString(sent++)));
            Thread.sleep(20);
        }
        assertTrue(drained, "writes resumed within " + RESUME_WITHIN + "; backlog " + writer.backlog());
        return sent;
    }

    /** What ElastiCache does: wait for the replica to catch up, promote it, make the old primary its replica. */
    private void failover() throws InterruptedException {
        RedisCommands<String, String> oldPrimary = commands(primaryPort);
        assertEquals(1L, oldPrimary.waitForReplication(1, 2000), "the replica has every write");
        commands(replicaPort).replicaofNoOne();
        oldPrimary.replicaof("127.0.0.1", replicaPort);
        awaitLinkUp(primaryPort);
    }

    private RedisCommands<String, String> commands(int port) {
        return connections
                .computeIfAbsent(port, p -> admin.connect(RedisURI.create("redis://127.0.0.1:" + p)))
                .sync();
    }

    private void awaitLinkUp(int replicaOf) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (commands(replicaOf).info("replication").contains("master_link_status:up")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("replication link to " + replicaOf + " did not come up");
    }

    private static RedisServer server(int port, Integer replicaOf) throws IOException {
        var builder = RedisServer.newRedisServer()
                .bind("127.0.0.1")
                .port(port)
                .setting("save \"\"")
                .setting("appendonly no");
        if (replicaOf != null) {
            builder.slaveOf("127.0.0.1", replicaOf);
        }
        RedisServer server = builder.build();
        server.start();
        return server;
    }
}
