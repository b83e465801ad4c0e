package perpwatch.functions.guards;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code GET /api/engine/guards/history}: the decision log of one instrument, oldest first.
 *
 * @param truncated  more decisions fell in the window than {@code limit}: these are the newest
 * @param unreadable entries of the window that did not parse (counted, not shown)
 */
public record GuardsHistory(String symbol, int hours, List<Decision> decisions, boolean truncated, int unreadable) {

    /** One recorded answer: its verdict, what was wrong, how old each input was, and which thresholds judged it. */
    public record Decision(
            long ts,
            long seq,
            String instance,
            GuardStatus status,
            @JsonProperty("data_source") DataSource dataSource,
            JsonNode warnings,
            @JsonProperty("ages_ms") JsonNode agesMs,
            JsonNode states,
            @JsonProperty("thresholds_version") String thresholdsVersion) {}
}
