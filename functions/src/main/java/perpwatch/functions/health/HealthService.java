package perpwatch.functions.health;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.redis.StoreUnavailableException;
import perpwatch.core.stream.FeedLink;
import perpwatch.core.stream.StreamEntry;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.stream.StreamKeys;
import perpwatch.functions.config.FunctionsConfig;

/** Reads length, newest entry and lag of every stream, and the status of every feed link, of every instrument. */
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
        List<FeedHealth> feeds;
        try {
            for (Instrument instrument : config.instruments().all()) {
                for (StreamKey key : StreamKeys.all(instrument)) {
                    streams.add(inspect(key, now));
                }
            }
            streams.add(inspect(StreamKeys.driftEvents(), now));
            streams.add(inspect(StreamKeys.driftLiqMap(), now));
            feeds = feeds(now);
        } catch (StoreUnavailableException e) {
            return new HealthResponse(now, "down", "down", List.of(), List.of());
        }
        boolean allOk = streams.stream()
                        .allMatch(s ->
                                s.status().equals("ok") || (s.status().equals("empty") && s.silenceBudgetMs() == null))
                && feeds.stream().allMatch(f -> f.state().equals(FeedLink.State.SUBSCRIBED.wire()));
        return new HealthResponse(now, "up", allOk ? "ok" : "degraded", streams, feeds);
    }

    /** Every link's published status in one round trip; a missing or unreadable one reads as unsubscribed. */
    private List<FeedHealth> feeds(long now) {
        List<Instrument> instruments = config.instruments().all();
        List<String> keys = new ArrayList<>();
        for (Instrument instrument : instruments) {
            // A venue the instrument does not list runs no link: it is not "unsubscribed", it is not there.
            for (FeedLink link : FeedLink.of(instrument)) {
                keys.add(StreamKeys.feedLink(instrument, link));
            }
        }
        List<String> values = redis.values(keys);
        List<FeedHealth> out = new ArrayList<>(keys.size());
        int i = 0;
        for (Instrument instrument : instruments) {
            for (FeedLink link : FeedLink.of(instrument)) {
                Optional<FeedLink.Status> status = FeedLink.Status.decode(values.get(i++));
                out.add(new FeedHealth(
                        link.task(),
                        instrument.canonical(),
                        link.venue(),
                        status.map(s -> s.state().wire()).orElse(FeedLink.State.UNSUBSCRIBED.wire()),
                        status.map(s -> Math.max(0, now - s.atMs())).orElse(null)));
            }
        }
        return out;
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
