package perpwatch.functions.health;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.redis.StoreUnavailableException;
import perpwatch.core.stream.StreamEntry;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.stream.StreamKeys;
import perpwatch.functions.config.FunctionsConfig;

/** Reads length, newest entry and lag of every stream of every instrument. */
@Singleton
public class HealthService {
    private final RedisStreams redis;
    private final FunctionsConfig config;
    private final Clock clock;

    public HealthService(RedisStreams redis, FunctionsConfig config, Clock clock) {
        this.redis = redis;
        this.config = config;
        this.clock = clock;
    }

    public HealthResponse check() {
        long now = clock.millis();
        List<StreamHealth> streams = new ArrayList<>();
        try {
            for (Instrument instrument : config.instruments().all()) {
                for (StreamKey key : StreamKeys.all(instrument)) {
                    streams.add(inspect(key, now));
                }
            }
            streams.add(inspect(StreamKeys.driftEvents(), now));
            streams.add(inspect(StreamKeys.driftLiqMap(), now));
        } catch (StoreUnavailableException e) {
            return new HealthResponse(now, "down", "down", List.of());
        }
        boolean allOk = streams.stream().allMatch(s -> s.status().equals("ok") || (s.status().equals("empty") && s.silenceBudgetMs() == null));
        return new HealthResponse(now, "up", allOk ? "ok" : "degraded", streams);
    }

    private StreamHealth inspect(StreamKey key, long now) {
        long length = redis.length(key);
        Optional<StreamEntry> last = redis.last(key);
        Long budget = key.silenceBudget().map(d -> d.toMillis()).orElse(null);
        if (last.isEmpty()) {
            return new StreamHealth(key.name(), length, null, null, budget, "empty");
        }
        long age = Math.max(0, now - last.get().idTimeMs());
        Long lag = lag(last.get());
        String status = budget != null && age > budget ? "behind" : "ok";
        return new StreamHealth(key.name(), length, age, lag, budget, status);
    }

    private static Long lag(StreamEntry entry) {
        try {
            return Long.parseLong(entry.field("recv_ts")) - Long.parseLong(entry.field("ts"));
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }
}
