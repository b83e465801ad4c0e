package perpwatch.local.redis;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import redis.embedded.RedisServer;

/**
 * A real redis-server process from the binary inside the embedded-redis jar (nothing is downloaded at run time),
 * bound to loopback with persistence off.
 */
public final class LocalRedis implements AutoCloseable {
    private final int port;
    private final RedisServer server;

    private LocalRedis(int port, RedisServer server) {
        this.port = port;
        this.server = server;
    }

    public static LocalRedis start(int port) throws IOException {
        if (inUse(port)) {
            throw new IOException("port " + port + " is already in use on 127.0.0.1: stop that process, pass --redis-port=N,"
                    + " or point PERPWATCH_REDIS_URL at a Redis you already run");
        }
        RedisServer server = RedisServer.newRedisServer()
                .bind("127.0.0.1")
                .port(port)
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        server.start();
        return new LocalRedis(port, server);
    }

    private static boolean inUse(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() throws IOException {
        server.stop();
    }
}
