package perpwatch.feeds.binance.book;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import perpwatch.core.testing.Fixtures;

/** Builders for diffs and snapshots, and the recorded SUSHIUSDT timeline. */
final class BookTestData {
    static final ObjectMapper JSON = new ObjectMapper();

    private BookTestData() {}

    /** {@code "7.61:3"} → level 7.61 × 3. */
    static List<PriceLevel> levels(String... pairs) {
        List<PriceLevel> out = new ArrayList<>();
        for (String pair : pairs) {
            String[] kv = pair.split(":");
            out.add(new PriceLevel(new BigDecimal(kv[0]), new BigDecimal(kv[1])));
        }
        return out;
    }

    static DepthUpdate diff(long first, long last, long previous, List<PriceLevel> bids, List<PriceLevel> asks) {
        return new DepthUpdate("SOLUSDT", last * 10, last * 10 - 2, first, last, previous, bids, asks, last * 10 + 5);
    }

    static DepthSnapshot snapshot(long lastUpdateId, List<PriceLevel> bids, List<PriceLevel> asks) {
        return new DepthSnapshot(lastUpdateId, 1, 1, bids, asks);
    }

    /** One line of depth_sync_timeline: a WS frame or the REST snapshot, verbatim. */
    record TimelineEntry(boolean rest, String raw, long recvMs) {}

    static List<TimelineEntry> timeline() throws Exception {
        List<TimelineEntry> out = new ArrayList<>();
        for (String line : Fixtures.lines("binance/depth_sync_timeline_SUSHIUSDT.jsonl")) {
            JsonNode row = JSON.readTree(line);
            out.add(new TimelineEntry(
                    "rest".equals(row.get("kind").asText()), row.get("raw").asText(), (long)
                            (row.get("recv_ts").asDouble() * 1000)));
        }
        return out;
    }
}
