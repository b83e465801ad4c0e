package perpwatch.functions;

import io.lettuce.core.RedisClient;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Map;
import perpwatch.core.stream.FieldCodec;
import perpwatch.core.stream.StreamKey;

/**
 * Writes stream entries with chosen ids ({@code <ms>-<seq>}), so a test's entries sit at the times its fixed
 * clock expects, as the feed tasks' entries sit at the times they were written.
 */
public final class StreamSeeder implements AutoCloseable {
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private long lastMs = -1;
    private int seq;

    public StreamSeeder(String redisUrl) {
        client = RedisClient.create(redisUrl);
        connection = client.connect();
    }

    /** Appends at id time {@code idMs}; entries must be added in time order per stream, as Redis requires. */
    public <T> String add(StreamKey key, FieldCodec<T> codec, T value, long idMs) {
        return add(key, codec.encode(value), idMs);
    }

    public String add(StreamKey key, Map<String, String> fields, long idMs) {
        seq = idMs == lastMs ? seq + 1 : 0;
        lastMs = idMs;
        return connection.sync().xadd(key.name(), new XAddArgs().id(idMs + "-" + seq), fields);
    }

    /** A feed heartbeat key, as the liquidations task sets it. */
    public void heartbeat(String key, long atMs) {
        connection.sync().psetex(key, 120_000, Long.toString(atMs));
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
