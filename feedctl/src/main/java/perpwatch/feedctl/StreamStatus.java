package perpwatch.feedctl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.instrument.InstrumentRegistry;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamEntry;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.stream.StreamKeys;

/** Each stream's length, newest-write age and feed lag ({@code recv_ts − ts} of the newest entry), from Redis. */
public final class StreamStatus {
    /** One stream; ages are null when the stream is empty or its newest entry carries no such field. */
    public record Row(String stream, long length, Long lastWriteAgeMs, Long lagMs, String state) {}

    private StreamStatus() {}

    /** @throws perpwatch.core.redis.StoreUnavailableException when Redis does not answer */
    public static List<Row> read(RedisStreams redis, InstrumentRegistry instruments, long nowMs) {
        List<StreamKey> keys = new ArrayList<>();
        for (Instrument instrument : instruments.all()) {
            keys.addAll(StreamKeys.all(instrument));
        }
        keys.add(StreamKeys.driftEvents());
        List<Row> rows = new ArrayList<>();
        for (StreamKey key : keys) {
            Optional<StreamEntry> last = redis.last(key);
            long length = redis.length(key);
            if (last.isEmpty()) {
                rows.add(new Row(key.name(), length, null, null, "empty"));
                continue;
            }
            long age = Math.max(0, nowMs - last.get().idTimeMs());
            Long lag = lag(last.get());
            String state = key.silenceBudget()
                    .map(b -> age > b.toMillis() ? "behind" : "ok")
                    .orElse("ok");
            rows.add(new Row(key.name(), length, age, lag, state));
        }
        return rows;
    }

    private static Long lag(StreamEntry entry) {
        try {
            String ts = entry.fields().get("ts");
            String recv = entry.fields().get("recv_ts");
            return ts == null || recv == null ? null : Long.parseLong(recv) - Long.parseLong(ts);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
