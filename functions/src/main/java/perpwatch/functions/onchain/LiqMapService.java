package perpwatch.functions.onchain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Optional;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamEntry;
import perpwatch.core.stream.StreamKeys;

/**
 * The latest Drift liquidation map. Each request reads only the newest summary entry; the map document (megabytes
 * on mainnet) is fetched and parsed once per scan, when the summary names a scan we have not parsed yet.
 */
@Singleton
public class LiqMapService {
    private final RedisStreams redis;
    private final ObjectMapper json = new ObjectMapper();
    private volatile Parsed cached;

    private record Parsed(String scanId, JsonNode document) {}

    public LiqMapService(RedisStreams redis) {
        this.redis = redis;
    }

    /** Empty until a scan has completed. */
    public Optional<JsonNode> latest() {
        Optional<StreamEntry> summary = redis.last(StreamKeys.driftLiqMap());
        if (summary.isEmpty()) {
            return Optional.empty();
        }
        String scanId = summary.get().fields().get("scan_id");
        Parsed current = cached;
        if (current != null && current.scanId().equals(scanId)) {
            return Optional.of(current.document());
        }
        Optional<String> raw = redis.get(StreamKeys.DRIFT_LIQ_MAP_LATEST);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode document = json.readTree(raw.get());
            cached = new Parsed(document.path("scan_id").asText(), document);
            return Optional.of(document);
        } catch (IOException e) {
            throw new IllegalStateException("the stored liquidation map is not JSON: " + e.getMessage(), e);
        }
    }
}
