package perpwatch.core.redis;

import static perpwatch.core.redis.ConnectionFault.AUTH;
import static perpwatch.core.redis.ConnectionFault.STALE;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.event.connection.ReconnectFailedEvent;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.config.Redactor;
import perpwatch.core.config.RereadGate;
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
    private static final Logger LOG = LoggerFactory.getLogger(RedisStreams.class);

    private final RedisConfig config;
    /** The URL as it may appear in messages (a {@code redis://user:pass@} URL has its password taken out). */
    private final String where;

    private final ClientResources resources;
    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;
    /** The AUTH token in use; asked for at every (re)connect, so a re-read one is used from the next handshake. */
    private final AtomicReference<Optional<String>> token;

    private final Supplier<Optional<String>> tokenReader;
    private final RereadGate tokenRereads = RereadGate.perMinute();
    private final RereadGate dropLogs = new RereadGate(Duration.ofSeconds(10), System::nanoTime);
    private final AtomicLong drops = new AtomicLong();

    public RedisStreams(RedisConfig config) {
        this(config, config::auth);
    }

    /**
     * @param tokenReader reads the AUTH token again (Secrets Manager in the cloud) when Redis refuses the one in use
     *                    ({@code WRONGPASS} after a rotation): at most once a minute, then the call is retried once
     */
    public RedisStreams(RedisConfig config, Supplier<Optional<String>> tokenReader) {
        this.config = config;
        this.where = Redactor.redact(config.url());
        this.token = new AtomicReference<>(config.auth());
        this.tokenReader = tokenReader;
        // Reconnect quickly: readers must see Redis again within seconds of it coming back.
        this.resources = ClientResources.builder()
                .reconnectDelay(
                        Delay.equalJitter(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisURI uri;
        try {
            uri = RedisURI.create(config.url());
        } catch (IllegalArgumentException e) {
            // Lettuce quotes the URL, and a redis://user:password@ URL holds the password.
            throw new IllegalArgumentException(
                    RedisConfig.URL_ENV + " is not a valid Redis URL: " + Redactor.message(e), e.getCause());
        }
        if (config.auth().isPresent()) {
            uri.setCredentialsProvider(RedisCredentialsProvider.from(
                    () -> RedisCredentials.just(null, token.get().orElse(null))));
        }
        this.client = RedisClient.create(resources, uri);
        // Lettuce's own reconnects (after a reset) also meet a rotated token: re-read it so the next attempt passes.
        resources.eventBus().get().subscribe(event -> {
            if (event instanceof ReconnectFailedEvent failed && ConnectionFault.of(failed.getCause()) == AUTH) {
                rereadToken();
            }
        });
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(config.commandTimeout()))
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(config.commandTimeout().multipliedBy(2))
                        .build())
                .build());
    }

    /** Appends an entry and trims entries older than the key's retention, approximately ({@code MINID ~}). */
    public String add(StreamKey key, Map<String, String> fields, long nowMs) {
        String minId = Long.toString(nowMs - key.retention().toMillis());
        return call(key, c -> c.xadd(key.name(), XAddArgs.Builder.minId(minId).approximateTrimming(), fields));
    }

    /**
     * Caps a stream at about {@code maxEntries} (approximate trimming: Redis drops whole nodes, never fewer entries
     * than asked). For streams whose write rate has no natural bound, beside the time-based trimming of {@link #add}.
     *
     * @return entries removed
     */
    public long trimToLength(StreamKey key, long maxEntries) {
        Long removed = call(key, c -> c.xtrim(key.name(), true, maxEntries));
        return removed == null ? 0 : removed;
    }

    /** One entry for {@link #appendOnce}: the key that marks it seen, and its fields. */
    public record OnceEntry(String onceKey, Map<String, String> fields) {}

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
        List<Long> results =
                call(key, c -> c.eval(APPEND_ONCE, ScriptOutputType.MULTI, keys, args.toArray(new String[0])));
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
    public String publishSnapshot(
            String snapshotKey, String document, StreamKey stream, Map<String, String> summary, long nowMs) {
        List<String> args = new ArrayList<>();
        args.add(document);
        args.add(Long.toString(nowMs - stream.retention().toMillis()));
        summary.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        return call(
                stream,
                c -> c.eval(
                        PUBLISH_SNAPSHOT,
                        ScriptOutputType.VALUE,
                        new String[] {snapshotKey, stream.name()},
                        args.toArray(new String[0])));
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
        List<KeyValue<String, String>> values =
                call(new StreamKey(keys.get(0), Duration.ofMinutes(1)), c -> c.mget(keys.toArray(new String[0])));
        List<String> out = new ArrayList<>(values.size());
        for (KeyValue<String, String> v : values) {
            out.add(v.hasValue() ? v.getValue() : null);
        }
        return out;
    }

    /** Per key, in order: the last heartbeat time, or null when absent (expired or never set). One round trip. */
    public List<Long> heartbeats(List<String> keys) {
        List<KeyValue<String, String>> values =
                call(new StreamKey(keys.get(0), Duration.ofMinutes(1)), c -> c.mget(keys.toArray(new String[0])));
        List<Long> out = new ArrayList<>(values.size());
        for (KeyValue<String, String> v : values) {
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
        List<KeyValue<String, String>> values = call(key, c -> c.mget(onceKeys.toArray(new String[0])));
        List<Boolean> seen = new ArrayList<>(values.size());
        values.forEach(v -> seen.add(v.hasValue()));
        return seen;
    }

    private static final String APPEND_ONCE = String.join(
            "\n",
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

    private static final String COUNT_RANGE =
            "return #redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[2], 'COUNT', ARGV[3])";

    /**
     * How many entries have ids in [fromMs, toMs], counted up to {@code cap} inside Redis: only the number crosses
     * the wire. Redis runs one command at a time, so the cap also bounds how long this can hold up every writer of
     * the store (about 3 µs an entry); an uncapped count of a busy window stalled the feeds' writes for tens of ms.
     */
    public int count(StreamKey key, long fromMs, long toMs, int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be >= 1");
        }
        Long n = call(
                key,
                c -> c.eval(
                        COUNT_RANGE,
                        ScriptOutputType.INTEGER,
                        new String[] {key.name()},
                        Long.toString(fromMs),
                        Long.toString(toMs),
                        Integer.toString(cap)));
        return n == null ? 0 : n.intValue();
    }

    /** Entries read per XREVRANGE inside {@link #COUNT_BY_EVENT_TIME}: bounds the Lua table one page makes. */
    static final int EVENT_COUNT_PAGE = 200;
    /** The scan reads at most this many entries per unit of cap, in or out of the window. */
    public static final int EVENT_COUNT_SCAN_PER_CAP = 4;
    /**
     * Default for {@code idSlack} in {@link #countByEventTime}. An entry's id is Redis's clock when it was written,
     * its {@code ts} the venue's clock at the event; a late write (a feed's backlog after an outage) only makes the
     * id later than the ts, so it needs no slack: the scan from the newest entry reaches it. The id is earlier
     * than the ts only when the venue's clock runs ahead of Redis's; NTP keeps both within a second, and a
     * minute is generous. A larger slack is not free: every entry in it is read, and that reading spends the scan
     * limit, so a burst just before the window could truncate the count of a quiet window.
     */
    public static final Duration DEFAULT_ID_SLACK = Duration.ofMinutes(1);

    // KEYS[1] stream; ARGV: lower id bound, fromMs, toMs, cap, scan limit, page size.
    // Returns {total, unreadable, stop (0 exhausted, 1 cap, 2 scan limit), scanned, venue1, count1, venue2, ...}.
    // Exclusive range starts ('(' id) need Redis 6.2 / Valkey; tests run 6.2, production Valkey 8.
    private static final LuaScript COUNT_BY_EVENT_TIME = LuaScript.of(String.join(
            "\n",
            "local lower, from, to = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])",
            "local cap, limit, page = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])",
            "local total, unreadable, scanned, stop = 0, 0, 0, 0",
            "local venues = {}",
            "local upper = '+'",
            "while stop == 0 do",
            "  local n = math.min(page, limit - scanned)",
            "  if n <= 0 then",
            // The limit is spent: truncated only if an entry is left above the lower bound.
            "    if #redis.call('XREVRANGE', KEYS[1], upper, lower, 'COUNT', 1) > 0 then stop = 2 end",
            "    break",
            "  end",
            "  local entries = redis.call('XREVRANGE', KEYS[1], upper, lower, 'COUNT', n)",
            "  for i = 1, #entries do",
            "    local f = entries[i][2]",
            "    local ts, venue",
            "    for j = 1, #f, 2 do",
            "      if f[j] == 'ts' then ts = f[j + 1] elseif f[j] == 'venue' then venue = f[j + 1] end",
            "    end",
            "    scanned = scanned + 1",
            "    if ts == nil or not string.match(ts, '^%d+$') then",
            "      unreadable = unreadable + 1",
            "    else",
            "      local t = tonumber(ts)",
            "      if t >= from and t <= to then",
            "        total = total + 1",
            "        venue = venue or '" + EventCount.NO_VENUE + "'",
            "        venues[venue] = (venues[venue] or 0) + 1",
            "        if total >= cap then stop = 1 break end",
            "      end",
            "    end",
            "  end",
            "  if stop ~= 0 or #entries < n then break end",
            "  upper = '(' .. entries[#entries][1]",
            "end",
            "local out = {total, unreadable, stop, scanned}",
            "for v, c in pairs(venues) do out[#out + 1] = v out[#out + 1] = c end",
            "return out"));

    /**
     * Counts entries by their own event time: those whose {@code ts} field is in [fromMs, toMs], in total and per
     * {@code venue} field, in one script inside Redis (reading the entries out stalled every feed's writes, see
     * {@link #count}). Unlike {@link #count}, an entry written late with a fresh id (a feed flushing its backlog
     * after a Redis outage) counts at its event time, so old events cannot fake a recent burst.
     *
     * <p>The scan runs newest first from the newest entry down to the id {@code fromMs − idSlack}, in pages of
     * {@value #EVENT_COUNT_PAGE} so a huge stream never sits in the script's memory at once. It stops when the
     * total reaches {@code cap}, or after reading {@value #EVENT_COUNT_SCAN_PER_CAP} × cap entries: Redis runs
     * one script at a time, so that limit bounds how long this holds up every writer. Either stop is reported in
     * {@link EventCount#stop()}.
     *
     * <p>An entry is counted if its ts is in the window, whenever it was written; one in the window but with an id
     * below the lower bound (the venue's clock more than {@code idSlack} ahead of Redis's) is missed.
     *
     * @param idSlack how far below {@code fromMs} entry ids are scanned; see {@link #DEFAULT_ID_SLACK}
     * @throws StoreUnavailableException when Redis cannot answer
     */
    public EventCount countByEventTime(StreamKey key, long fromMs, long toMs, int cap, Duration idSlack) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be >= 1");
        }
        if (fromMs > toMs) {
            throw new IllegalArgumentException("fromMs " + fromMs + " is after toMs " + toMs);
        }
        if (idSlack.isNegative()) {
            throw new IllegalArgumentException("idSlack must not be negative: " + idSlack);
        }
        long lowerId = Math.max(0, fromMs - idSlack.toMillis());
        long scanLimit = Math.min(Integer.MAX_VALUE, (long) cap * EVENT_COUNT_SCAN_PER_CAP);
        List<Object> reply = script(
                key,
                COUNT_BY_EVENT_TIME,
                ScriptOutputType.MULTI,
                new String[] {key.name()},
                Long.toString(lowerId),
                Long.toString(fromMs),
                Long.toString(toMs),
                Integer.toString(cap),
                Long.toString(scanLimit),
                Integer.toString(EVENT_COUNT_PAGE));
        Map<String, Integer> byVenue = new HashMap<>();
        for (int i = 4; i + 1 < reply.size(); i += 2) {
            byVenue.put((String) reply.get(i), ((Long) reply.get(i + 1)).intValue());
        }
        EventCount.Stop stop = switch (((Long) reply.get(2)).intValue()) {
            case 0 -> EventCount.Stop.EXHAUSTED;
            case 1 -> EventCount.Stop.CAP_REACHED;
            default -> EventCount.Stop.SCAN_LIMIT_REACHED;
        };
        return new EventCount(
                ((Long) reply.get(0)).intValue(),
                byVenue,
                ((Long) reply.get(1)).intValue(),
                ((Long) reply.get(3)).intValue(),
                stop);
    }

    /** {@link #countByEventTime(StreamKey, long, long, int, Duration)} with {@link #DEFAULT_ID_SLACK}. */
    public EventCount countByEventTime(StreamKey key, long fromMs, long toMs, int cap) {
        return countByEventTime(key, fromMs, toMs, cap, DEFAULT_ID_SLACK);
    }

    /**
     * Per key, in order: the id of the stream's newest entry, or null when it is empty or missing. One round trip:
     * a cache keyed on these ids is current exactly while none of them changed. It is {@link #fingerprint} without
     * plain keys.
     *
     * <p>A script rather than a pipeline of {@code XREVRANGE … COUNT 1}, because this runs on every guards request:
     * the script is one command each way and sends back only the ids, where a pipeline sends one command per key
     * and gets back each newest entry with all its fields, only to drop them. Unlike {@code XINFO STREAM}'s
     * last-generated-id it names an entry that is still there (not one deleted since), and it costs O(1) a key.
     *
     * @throws StoreUnavailableException when Redis cannot answer, or a key is not a stream
     */
    public List<String> lastIds(List<String> keys) {
        return fingerprint(keys, List.of());
    }

    private static final LuaScript FINGERPRINT = LuaScript.of(String.join(
            "\n",
            "local out = {}",
            "local streams = tonumber(ARGV[1])",
            "for i = 1, #KEYS do",
            "  if i <= streams then",
            "    local e = redis.call('XREVRANGE', KEYS[i], '+', '-', 'COUNT', 1)",
            "    if #e > 0 then out[i] = e[1][1] else out[i] = false end",
            "  else",
            "    local v = redis.call('GET', KEYS[i])",
            "    if v then out[i] = v else out[i] = false end",
            "  end",
            "end",
            "return out"));

    /**
     * {@link #lastIds} of {@code streams} followed by the values of the plain keys {@code values} (null when absent),
     * in one round trip: what an answer built from those streams and heartbeat keys depends on. Equal fingerprints
     * mean nothing it read has changed since.
     *
     * @throws StoreUnavailableException when Redis cannot answer, or a stream key is not a stream
     */
    public List<String> fingerprint(List<String> streams, List<String> values) {
        List<String> keys = new ArrayList<>(streams.size() + values.size());
        keys.addAll(streams);
        keys.addAll(values);
        if (keys.isEmpty()) {
            return List.of();
        }
        List<String> out = script(
                new StreamKey(keys.get(0), Duration.ofDays(1)),
                FINGERPRINT,
                ScriptOutputType.MULTI,
                keys.toArray(new String[0]),
                Integer.toString(streams.size()));
        return Collections.unmodifiableList(new ArrayList<>(out));
    }

    /**
     * {@link #fingerprint} without waiting for the answer: for a caller on an event loop, which must not block for a
     * round trip. The future completes on Lettuce's I/O thread, so what is chained to it must not block either (a
     * synchronous call there would wait for the thread it runs on). It fails with {@link StoreUnavailableException}
     * as {@link #fingerprint} throws it, the command timeout included (the client's timeout options cover async
     * commands).
     */
    public CompletableFuture<List<String>> fingerprintAsync(List<String> streams, List<String> values) {
        List<String> keys = new ArrayList<>(streams.size() + values.size());
        keys.addAll(streams);
        keys.addAll(values);
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        StatefulRedisConnection<String, String> used;
        try {
            used = connected();
        } catch (StoreUnavailableException e) {
            return CompletableFuture.failedFuture(e);
        }
        String[] keyArray = keys.toArray(new String[0]);
        String streamCount = Integer.toString(streams.size());
        CompletableFuture<List<String>> out = new CompletableFuture<>();
        BiConsumer<List<String>, Throwable> settle = (ids, failure) -> {
            if (failure == null) {
                out.complete(Collections.unmodifiableList(new ArrayList<>(ids)));
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                afterFailure(used, cause);
                out.completeExceptionally(new StoreUnavailableException(
                        "redis " + where + " failed on " + keys.get(0) + ": " + Redactor.message(cause), cause));
            }
        };
        try {
            var async = used.async();
            async.<List<String>>evalsha(FINGERPRINT.sha1(), ScriptOutputType.MULTI, keyArray, streamCount)
                    .whenComplete((ids, failure) -> {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause()
                                : failure;
                        if (cause instanceof RedisNoScriptException) {
                            async.<List<String>>eval(FINGERPRINT.body(), ScriptOutputType.MULTI, keyArray, streamCount)
                                    .whenComplete(settle);
                        } else {
                            settle.accept(ids, failure);
                        }
                    });
        } catch (RedisException e) {
            settle.accept(null, e);
        }
        return out;
    }

    /**
     * The newest entry of each stream, in order, in one round trip: the commands are sent back to back on the one
     * connection (Lettuce writes async commands without waiting for answers) and the answers awaited together. The
     * guards read seven streams per answer; one after another that was seven round trips on the request's thread.
     *
     * @throws StoreUnavailableException when Redis cannot answer any of them in time
     */
    public List<Optional<StreamEntry>> lastAll(List<StreamKey> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        StreamKey first = keys.get(0);
        StatefulRedisConnection<String, String> used = connected();
        try {
            var async = used.async();
            List<RedisFuture<List<StreamMessage<String, String>>>> pending = new ArrayList<>(keys.size());
            for (StreamKey key : keys) {
                pending.add(async.xrevrange(key.name(), Range.create("-", "+"), Limit.from(1)));
            }
            long deadline = System.nanoTime() + config.commandTimeout().toNanos();
            List<Optional<StreamEntry>> out = new ArrayList<>(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                long left = Math.max(0, deadline - System.nanoTime());
                List<StreamMessage<String, String>> messages = pending.get(i).get(left, TimeUnit.NANOSECONDS);
                out.add(messages.isEmpty() ? Optional.empty() : Optional.of(toEntry(messages.get(0))));
            }
            return out;
        } catch (TimeoutException e) {
            throw new StoreUnavailableException(
                    "redis " + where + " timed out on " + first + " and " + (keys.size() - 1) + " more streams", e);
        } catch (ExecutionException e) {
            afterFailure(used, e.getCause());
            throw new StoreUnavailableException(
                    "redis " + where + " failed on " + first + " and " + (keys.size() - 1) + " more streams: "
                            + Redactor.message(e.getCause()),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while reading " + first, e);
        } catch (RedisException e) {
            afterFailure(used, e);
            throw new StoreUnavailableException(
                    "redis " + where + " failed on " + first + ": " + Redactor.message(e), e);
        }
    }

    /** The newest entry, if the stream has any. */
    public Optional<StreamEntry> last(StreamKey key) {
        List<StreamMessage<String, String>> messages =
                call(key, c -> c.xrevrange(key.name(), Range.create("-", "+"), Limit.from(1)));
        return messages.isEmpty() ? Optional.empty() : Optional.of(toEntry(messages.get(0)));
    }

    /** Entries whose ids fall in [fromMs, toMs], oldest first, at most {@code limit}. */
    public List<StreamEntry> range(StreamKey key, long fromMs, long toMs, int limit) {
        List<StreamMessage<String, String>> messages = call(
                key,
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
    public void forEachInRange(StreamKey key, long fromMs, long toMs, int pageSize, Consumer<StreamEntry> visitor) {
        Range.Boundary<String> lower = Range.Boundary.including(Long.toString(fromMs));
        Range.Boundary<String> upper = Range.Boundary.including(Long.toString(toMs));
        while (true) {
            Range<String> range = Range.from(lower, upper);
            List<StreamMessage<String, String>> page =
                    call(key, c -> c.xrange(key.name(), range, Limit.from(pageSize)));
            for (StreamMessage<String, String> message : page) {
                visitor.accept(toEntry(message));
            }
            if (page.size() < pageSize) {
                return;
            }
            lower = Range.Boundary.excluding(page.get(page.size() - 1).getId());
        }
    }

    /**
     * The newest {@code limit} entries whose ids fall in [fromMs, toMs], returned oldest first: a long window answers
     * with its most recent part, read newest first so Redis never walks the older rest. {@code toMs} of
     * {@link Long#MAX_VALUE} means "up to the newest".
     */
    public List<StreamEntry> newest(StreamKey key, long fromMs, long toMs, int limit) {
        String upper = toMs == Long.MAX_VALUE ? "+" : Long.toString(toMs);
        List<StreamMessage<String, String>> messages =
                call(key, c -> c.xrevrange(key.name(), Range.create(Long.toString(fromMs), upper), Limit.from(limit)));
        List<StreamEntry> entries = new ArrayList<>(messages.size());
        for (int i = messages.size() - 1; i >= 0; i--) {
            entries.add(toEntry(messages.get(i)));
        }
        return entries;
    }

    /**
     * {@code XGROUP CREATE key group $ MKSTREAM}: the group starts at the stream's end (it is for new entries, not
     * the history) and the stream is made if it does not exist yet, so a consumer can block on it before the first
     * write. True when created now, false when the group already existed ({@code BUSYGROUP}).
     */
    public boolean createGroup(StreamKey key, String group) {
        return call(key, c -> {
            try {
                return "OK"
                        .equals(c.xgroupCreate(
                                XReadArgs.StreamOffset.latest(key.name()), group, XGroupCreateArgs.Builder.mkstream()));
            } catch (RedisException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("BUSYGROUP")) {
                    return false;
                }
                throw e;
            }
        });
    }

    public long length(StreamKey key) {
        return call(key, c -> c.xlen(key.name()));
    }

    /** True when Redis answers PING now. */
    public boolean ping() {
        try {
            return "PONG".equals(connected().sync().ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    public String url() {
        return config.url();
    }

    /**
     * Closes the connection, if any, and leaves the client ready: the next call connects afresh. For a SnapStart
     * checkpoint, since a socket does not survive being restored into another machine, and Lettuce would otherwise
     * spend the first request after a restore finding that out.
     */
    public void disconnect() {
        StatefulRedisConnection<String, String> current;
        synchronized (this) {
            current = connection;
            connection = null;
        }
        if (current != null) {
            current.close();
        }
    }

    private static StreamEntry toEntry(StreamMessage<String, String> message) {
        return new StreamEntry(message.getId(), message.getBody());
    }

    /**
     * Runs a script by its digest, sending the body only when Redis answers NOSCRIPT (first use, or after a restart
     * or failover emptied its script cache); EVAL caches it again, so the next call is an EVALSHA.
     */
    private <T> T script(StreamKey key, LuaScript script, ScriptOutputType type, String[] keys, String... args) {
        return call(key, c -> {
            try {
                return c.evalsha(script.sha1(), type, keys, args);
            } catch (RedisNoScriptException e) {
                return c.eval(script.body(), type, keys, args);
            }
        });
    }

    private <T> T call(StreamKey key, Function<RedisCommands<String, String>, T> command) {
        StatefulRedisConnection<String, String> used = connected();
        try {
            return command.apply(used.sync());
        } catch (RedisException e) {
            afterFailure(used, e);
            throw new StoreUnavailableException("redis " + where + " failed on " + key + ": " + Redactor.message(e), e);
        }
    }

    /**
     * A connection that answered {@code READONLY} (it reaches a demoted primary) or was reset will not write again:
     * it is dropped so the next call connects afresh and resolves the endpoint's name again. Without this, writes
     * failed until the process restarted. The failed command itself is not retried here: a writer keeps it in its
     * backlog, a reader fails closed.
     */
    private void afterFailure(StatefulRedisConnection<String, String> used, Throwable failure) {
        ConnectionFault fault = ConnectionFault.of(failure);
        if (fault == STALE) {
            drop(used, "it answered: " + Redactor.message(failure));
        } else if (fault == AUTH && rereadToken()) {
            drop(used, "Redis refused the AUTH token and it was read again");
        }
    }

    private void drop(StatefulRedisConnection<String, String> stale, String why) {
        synchronized (this) {
            if (connection != stale) {
                return; // another thread dropped it already
            }
            connection = null;
        }
        long n = drops.incrementAndGet();
        // Until the endpoint's name moves, every call meets the demoted node again: say so every 10 s, not each time.
        if (dropLogs.tryAcquire()) {
            LOG.warn(
                    "redis {}: dropping the connection, the next call reconnects ({}; {} drops so far)", where, why, n);
        }
        stale.closeAsync();
    }

    /** Reads the AUTH token again, at most once a minute; true when it was read. */
    private boolean rereadToken() {
        if (config.auth().isEmpty() || !tokenRereads.tryAcquire()) {
            return false;
        }
        try {
            Optional<String> fresh = tokenReader.get();
            boolean changed = !fresh.equals(token.get());
            token.set(fresh);
            LOG.warn(
                    "redis {} refused the AUTH token: read it again ({})", where, changed ? "it changed" : "unchanged");
            return true;
        } catch (RuntimeException e) {
            LOG.error("redis {} refused the AUTH token and reading it again failed: {}", where, Redactor.message(e));
            return false;
        }
    }

    private StatefulRedisConnection<String, String> connected() {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null) {
            synchronized (this) {
                current = connection;
                if (current == null) {
                    try {
                        current = connectOnce();
                    } catch (RedisException e) {
                        throw new StoreUnavailableException(
                                "redis " + where + " is unreachable: " + Redactor.message(e), e);
                    }
                    connection = current;
                }
            }
        }
        return current;
    }

    /** Connects; a {@code WRONGPASS} re-reads the token (at most once a minute) and tries once more. */
    private StatefulRedisConnection<String, String> connectOnce() {
        try {
            return client.connect();
        } catch (RedisException e) {
            if (ConnectionFault.of(e) == AUTH && rereadToken()) {
                return client.connect();
            }
            throw e;
        }
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
