package perpwatch.local.redis;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/**
 * A real redis-server process from the binary inside the embedded-redis jar (nothing is downloaded at run time),
 * bound to loopback with persistence off.
 */
public final class LocalRedis implements AutoCloseable {
    private final int port;
    private final Path dir;
    private RedisServer server;

    private LocalRedis(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    public static LocalRedis start(int port) throws IOException {
        if (inUse(port)) {
            throw new IOException(
                    "port " + port + " is already in use on 127.0.0.1: stop that process, pass --redis-port=N,"
                            + " or point PERPWATCH_REDIS_URL at a Redis you already run");
        }
        LocalRedis redis = new LocalRedis(port, Files.createTempDirectory("perpwatch-redis"));
        redis.launch();
        return redis;
    }

    private void launch() throws IOException {
        server = RedisServer.newRedisServer()
                .bind("127.0.0.1")
                .port(port)
                .setting("save \"\"")
                .setting("appendonly no")
                .setting("dir " + dir.toAbsolutePath())
                .build();
        server.start();
    }

    /** Kills the server, as a crash would: clients see connection errors until {@link #restart}. */
    public synchronized void kill() throws IOException {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /**
     * Starts the server again on the same port: with the data it held when killed ({@code keepData}, from a dump
     * taken just before the kill), or empty, as a replacement node without persistence comes up.
     */
    public synchronized void restart(boolean keepData) throws IOException {
        kill();
        Path dump = dir.resolve("dump.rdb");
        if (!keepData) {
            Files.deleteIfExists(dump);
        }
        launch();
    }

    /** Writes the data to disk now ({@code SAVE}), so a {@link #restart} with {@code keepData} loads it. */
    public void save() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write("*1\r\n$4\r\nSAVE\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            int first = socket.getInputStream().read();
            if (first != '+') {
                throw new IOException("redis SAVE failed");
            }
        }
    }

    public int port() {
        return port;
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
        kill();
        Files.deleteIfExists(dir.resolve("dump.rdb"));
        Files.deleteIfExists(dir);
    }
}
