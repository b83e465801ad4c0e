package perpwatch.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import perpwatch.core.redis.RedisConfig;
import redis.embedded.RedisServer;

/**
 * A real redis-server process (the binary shipped in the embedded-redis jar) on a free loopback port, for
 * tests in every module. {@link #stop()} and {@link #start()} let a test take Redis away and bring it back on
 * the same port; it always comes back empty, since persistence is off.
 */
public final class TestRedis implements AutoCloseable {
    private final int port;
    private final String password;
    private RedisServer server;

    private TestRedis(int port, String password) {
        this.port = port;
        this.password = password;
    }

    public static TestRedis start() {
        TestRedis redis = new TestRedis(freePort(), null);
        redis.startServer();
        return redis;
    }

    /** A server that refuses every command until AUTH with {@code password} (like ElastiCache with an AUTH token). */
    public static TestRedis startWithPassword(String password) {
        TestRedis redis = new TestRedis(freePort(), password);
        redis.startServer();
        return redis;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void startServer() {
        try {
            var builder = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("save \"\"")
                    .setting("appendonly no");
            if (password != null) {
                builder.setting("requirepass " + password);
            }
            server = builder.build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server on port " + port, e);
        }
    }

    public synchronized void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server = null;
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public RedisConfig config() {
        return RedisConfig.local(port);
    }

    @Override
    public void close() {
        stop();
    }
}
