package perpwatch.core.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import perpwatch.core.stream.StreamEntry;
import perpwatch.core.stream.StreamKey;

/**
 * Redis Streams over one shared Lettuce connection. Every failure (refused, timed out, disconnected) becomes a
 * {@link StoreUnavailableException}, so callers have one thing to handle and can fail closed on it.
 *
 * <p>The connection is made on first use and re-made after a failed attempt, so a process started while Redis
 * is down recovers by itself. Once connected, Lettuce reconnects in the background and rejects commands
 * meanwhile instead of queueing them: a queued command would answer late with data that looks current.
 */
public final class RedisStreams implements AutoCloseable {
    private final RedisConfig config;
    private final ClientResources resources;
    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;

    public RedisStreams(RedisConfig config) {
        this.config = config;
        // Reconnect quickly: readers must see Redis again within seconds of it coming back.
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.equalJitter(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisURI uri = RedisURI.create(config.url());
        config.auth().ifPresent(token -> uri.setCredentialsProvider(io.lettuce.core.RedisCredentialsProvider.from(
                () -> io.lettuce.core.RedisCredentials.just(null, token))));
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(config.commandTimeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(config.commandTimeout().multipliedBy(2)).build())
                .build());
    }

    /** Appends an entry and trims entries older than the key's retention, approximately ({@code MINID ~}). */
    public String add(StreamKey key, Map<String, String> fields, long nowMs) {
        String minId = Long.toString(nowMs - key.retention().toMillis());
        return call(key, c -> c.xadd(key.name(), XAddArgs.Builder.minId(minId).approximateTrimming(), fields));
    }

    /** One entry for {@link #appendOnce}: the key that marks it seen, and its fields. */
    public record OnceEntry(String onceKey, Map<String, String> fields) {
    }

    /**
     * Appends each entry unless its {@code onceKey} exists, and then sets that key with {@code ttl}, all in one
     * atomic script: across processes and restarts an event is written once, and is marked seen only if written.
     * One round trip for the whole batch.
     *
     * @return per entry, in order: true when appended, false when it was already seen (a duplicate)
     */
    public List<Boolean> appendOnce(StreamKey key, List<OnceEntry> entries, Duration ttl, long nowMs) {
        String[] keys = new String[1 + entries.size()];
        keys[0] = key.name();
        List<String> args = new ArrayList<>();
        args.add(Long.toString(nowMs - key.retention().toMillis()));
        args.add(Long.toString(Math.max(1, ttl.toSeconds())));
        for (int i = 0; i < entries.size(); i++) {
            OnceEntry entry = entries.get(i);
            keys[i + 1] = entry.onceKey();
            args.add(Integer.toString(entry.fields().size() * 2));
            entry.fields().forEach((k, v) -> {
                args.add(k);
                args.add(v);
            });
        }
        List<Long> results = call(key, c -> c.eval(APPEND_ONCE, ScriptOutputType.MULTI, keys, args.toArray(new String[0])));
        List<Boolean> appended = new ArrayList<>(results.size());
        results.forEach(r -> appended.add(r != null && r == 1L));
        return appended;
    }

    private static final String PUBLISH_SNAPSHOT = "redis.call('SET', KEYS[1], ARGV[1]) "
            + "local fields = {} for i = 3, #ARGV do fields[#fields + 1] = ARGV[i] end "
            + "return redis.call('XADD', KEYS[2], 'MINID', '~', ARGV[2], '*', unpack(fields))";

    /**
     * Replaces the document at {@code snapshotKey} and appends its summary to {@code stream}, in one atomic script:
     * a reader never sees a summary whose document is not there yet, or a document without its summary.
     */
    public String publishSnapshot(String snapshotKey, String document, StreamKey stream, Map<String, String> summary, long nowMs) {
        List<String> args = new ArrayList<>();
        args.add(document);
        args.add(Long.toString(nowMs - stream.retention().toMillis()));
        summary.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        return call(stream, c -> c.eval(PUBLISH_SNAPSHOT, ScriptOutputType.VALUE, new String[]{snapshotKey, stream.name()}, args.toArray(new String[0])));
    }

    /** The value at a plain key, if any. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(call(new StreamKey(key, Duration.ofDays(1)), c -> c.get(key)));
    }

    /** Sets a liveness key to {@code nowMs}, expiring after {@code ttl}: absent means "not heard from lately". */
    public void heartbeat(String key, long nowMs, Duration ttl) {
        call(new StreamKey(key, ttl), c -> c.psetex(key, ttl.toMillis(), Long.toString(nowMs)));
    }

    /** Sets a plain key that expires after {@code ttl} (a status that must vanish when its writer does). */
    public void putExpiring(String key, String value, Duration ttl) {
        call(new StreamKey(key, ttl), c -> c.psetex(key, ttl.toMillis(), value));
    }

    /** Per key, in order: its value, or null when absent. One round trip. */
    public List<String> values(List<String> keys) {
        List<io.lettuce.core.KeyValue<String, String>> values = call(new StreamKey(keys.get(0), Duration.ofMinutes(1)),
                c -> c.mget(keys.toArray(new String[0])));
        List<String> out = new ArrayList<>(values.size());
        for (io.lettuce.core.KeyValue<String, String> v : values) {
            out.add(v.hasValue() ? v.getValue() : null);
        }
        return out;
    }

    /** Per key, in order: the last heartbeat time, or null when absent (expired or never set). One round trip. */
    public List<Long> heartbeats(List<String> keys) {
        List<io.lettuce.core.KeyValue<String, String>> values = call(new StreamKey(keys.get(0), Duration.ofMinutes(1)),
                c -> c.mget(keys.toArray(new String[0])));
        List<Long> out = new ArrayList<>(values.size());
        for (io.lettuce.core.KeyValue<String, String> v : values) {
            Long time = null;
            if (v.hasValue()) {
                try {
                    time = Long.parseLong(v.getValue());
                } catch (NumberFormatException e) {
                    time = null;
                }
            }
            out.add(time);
        }
        return out;
    }

    /** Per key, in order: whether it is set (see {@link #appendOnce}). One round trip. */
    public List<Boolean> seen(StreamKey key, List<String> onceKeys) {
        if (onceKeys.isEmpty()) {
            return List.of();
        }
        List<io.lettuce.core.KeyValue<String, String>> values = call(key, c -> c.mget(onceKeys.toArray(new String[0])));
        List<Boolean> seen = new ArrayList<>(values.size());
        values.forEach(v -> seen.add(v.hasValue()));
        return seen;
    }

    private static final String APPEND_ONCE = String.join("\n",
            "local out = {}",
            "local a = 3",
            "for k = 2, #KEYS do",
            "  local n = tonumber(ARGV[a])",
            "  if redis.call('EXISTS', KEYS[k]) == 1 then",
            "    out[#out + 1] = 0",
            "  else",
            "    local xadd = {'XADD', KEYS[1], 'MINID', '~', ARGV[1], '*'}",
            "    for i = a + 1, a + n do xadd[#xadd + 1] = ARGV[i] end",
            "    redis.call(unpack(xadd))",
            "    redis.call('SET', KEYS[k], '1', 'EX', ARGV[2])",
            "    out[#out + 1] = 1",
            "  end",
            "  a = a + n + 1",
            "end",
            "return out");

    private static final String COUNT_RANGE = "return #redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[2], 'COUNT', ARGV[3])";

    /**
     * How many entries have ids in [fromMs, toMs], counted up to {@code cap} inside Redis: only the number crosses
     * the wire. Redis runs one command at a time, so the cap also bounds how long this can hold up every writer of
     * the store (about 3 µs an entry); an uncapped count of a busy window stalled the feeds' writes for tens of ms.
     */
    public int count(StreamKey key, long fromMs, long toMs, int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be >= 1");
        }
        Long n = call(key, c -> c.eval(COUNT_RANGE, ScriptOutputType.INTEGER, new String[]{key.name()},
                Long.toString(fromMs), Long.toString(toMs), Integer.toString(cap)));
        return n == null ? 0 : n.intValue();
    }

    /** The newest entry, if the stream has any. */
    public Optional<StreamEntry> last(StreamKey key) {
        List<StreamMessage<String, String>> messages = call(key, c -> c.xrevrange(key.name(), Range.create("-", "+"), Limit.from(1)));
        return messages.isEmpty() ? Optional.empty() : Optional.of(toEntry(messages.get(0)));
    }

    /** Entries whose ids fall in [fromMs, toMs], oldest first, at most {@code limit}. */
    public List<StreamEntry> range(StreamKey key, long fromMs, long toMs, int limit) {
        List<StreamMessage<String, String>> messages = call(key,
                c -> c.xrange(key.name(), Range.create(Long.toString(fromMs), Long.toString(toMs)), Limit.from(limit)));
        List<StreamEntry> entries = new ArrayList<>(messages.size());
        for (StreamMessage<String, String> message : messages) {
            entries.add(toEntry(message));
        }
        return entries;
    }

    /**
     * Visits every entry whose id falls in [fromMs, toMs], oldest first, reading {@code pageSize} at a time so a
     * week of a busy stream never sits in memory at once. Pages continue after the last id seen (exclusive), so
     * entries sharing a millisecond are neither skipped nor repeated.
     */
    public void forEachInRange(StreamKey key, long fromMs, long toMs, int pageSize, java.util.function.Consumer<StreamEntry> visitor) {
        Range.Boundary<String> lower = Range.Boundary.including(Long.toString(fromMs));
        Range.Boundary<String> upper = Range.Boundary.including(Long.toString(toMs));
        while (true) {
            Range<String> range = Range.from(lower, upper);
            List<StreamMessage<String, String>> page = call(key, c -> c.xrange(key.name(), range, Limit.from(pageSize)));
            for (StreamMessage<String, String> message : page) {
                visitor.accept(toEntry(message));
            }
            if (page.size() < pageSize) {
                return;
            }
            lower = Range.Boundary.excluding(page.get(page.size() - 1).getId());
        }
    }

    public long length(StreamKey key) {
        return call(key, c -> c.xlen(key.name()));
    }

    /** True when Redis answers PING now. */
    public boolean ping() {
        try {
            return "PONG".equals(commands().ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    public String url() {
        return config.url();
    }

    private static StreamEntry toEntry(StreamMessage<String, String> message) {
        return new StreamEntry(message.getId(), message.getBody());
    }

    private <T> T call(StreamKey key, java.util.function.Function<RedisCommands<String, String>, T> command) {
        try {
            return command.apply(commands());
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RedisException e) {
            throw new StoreUnavailableException("redis " + config.url() + " failed on " + key + ": " + e.getMessage(), e);
        }
    }

    private RedisCommands<String, String> commands() {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null) {
            synchronized (this) {
                current = connection;
                if (current == null) {
                    try {
                        current = client.connect();
                    } catch (RedisException e) {
                        throw new StoreUnavailableException("redis " + config.url() + " is unreachable: " + e.getMessage(), e);
                    }
                    connection = current;
                }
            }
        }
        return current.sync();
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            current.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
