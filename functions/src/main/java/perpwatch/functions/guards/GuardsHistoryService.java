package perpwatch.functions.guards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamEntry;
import perpwatch.core.stream.StreamKeys;

/** Reads the decision log back: the newest {@code limit} decisions of the window, oldest first. */
@Singleton
public class GuardsHistoryService {
    private static final Logger LOG = LoggerFactory.getLogger(GuardsHistoryService.class);

    private final RedisStreams redis;
    private final Clock clock;

    GuardsHistoryService(RedisStreams redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** @throws perpwatch.core.redis.StoreUnavailableException when Redis cannot be read (a 503) */
    public GuardsHistory history(Instrument instrument, int hours, int limit) {
        long now = clock.millis();
        // One more than asked tells whether the window held more than the answer shows. Up to the newest entry:
        // entry ids are the Redis server's time, which may run a little ahead of this instance's clock.
        List<StreamEntry> entries = redis.newest(
                StreamKeys.guardDecisions(instrument), now - hours * 3_600_000L, Long.MAX_VALUE, limit + 1);
        boolean truncated = entries.size() > limit;
        List<StreamEntry> shown = truncated ? entries.subList(1, entries.size()) : entries;
        List<GuardsHistory.Decision> decisions = new ArrayList<>(shown.size());
        int unreadable = 0;
        for (StreamEntry entry : shown) {
            try {
                decisions.add(decode(entry.fields()));
            } catch (RuntimeException | JsonProcessingException e) {
                unreadable++;
                LOG.warn(
                        "guards history: unreadable decision {} in {}: {}",
                        entry.id(),
                        StreamKeys.guardDecisions(instrument),
                        e.getMessage());
            }
        }
        return new GuardsHistory(instrument.canonical(), hours, decisions, truncated, unreadable);
    }

    private static GuardsHistory.Decision decode(Map<String, String> f) throws JsonProcessingException {
        return new GuardsHistory.Decision(
                Long.parseLong(required(f, "ts")),
                Long.parseLong(required(f, "seq")),
                required(f, "instance"),
                GuardStatus.fromWire(required(f, "status")),
                DataSource.fromWire(required(f, "data_source")),
                json(f, "warnings"),
                json(f, "ages"),
                json(f, "states"),
                required(f, "thresholds_version"));
    }

    private static JsonNode json(Map<String, String> fields, String name) throws JsonProcessingException {
        return DecisionRecord.JSON.readTree(required(fields, name));
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing field " + name);
        }
        return value;
    }
}
