package perpwatch.bench.harness;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what the feeds wrote, straight from Redis: entries by the time Redis gave them (the id), which is the
 * moment the record became visible to every reader.
 */
final class StreamReader implements AutoCloseable {
    record Entry(long visibleMs, Map<String, String> fields) {
        long longField(String name) {
            return Long.parseLong(fields.get(name));
        }
    }

    private final RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    StreamReader(String redisUrl) {
        this.client = RedisClient.create(redisUrl);
        this.client.setDefaultTimeout(Duration.ofSeconds(10));
    }

    private RedisCommands<String, String> redis() {
        if (connection == null || !connection.isOpen()) {
            connection = client.connect();
        }
        return connection.sync();
    }

    /** Entries made visible in [fromMs, toMs], read in pages so a busy stream never arrives as one reply. */
    List<Entry> between(String key, long fromMs, long toMs) {
        List<Entry> out = new ArrayList<>();
        String from = fromMs + "-0";
        while (true) {
            List<StreamMessage<String, String>> page = redis().xrange(key,
                    Range.create(from, toMs + "-" + Long.MAX_VALUE), io.lettuce.core.Limit.from(5_000));
            for (StreamMessage<String, String> m : page) {
                out.add(new Entry(idMs(m.getId()), m.getBody()));
            }
            if (page.size() < 5_000) {
                return out;
            }
            String last = page.get(page.size() - 1).getId();
            from = "(" + last;
        }
    }

    Optional<Entry> last(String key) {
        List<StreamMessage<String, String>> one = redis().xrevrange(key, Range.create("-", "+"), io.lettuce.core.Limit.from(1));
        return one.isEmpty() ? Optional.empty() : Optional.of(new Entry(idMs(one.get(0).getId()), one.get(0).getBody()));
    }

    private static long idMs(String id) {
        return Long.parseLong(id.substring(0, id.indexOf('-')));
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown();
    }
}
