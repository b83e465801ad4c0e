package perpwatch.functions.onchain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the API says about a stored map: {@code live}, {@code stale} or {@code frozen}, why, and how old it is. The
 * scan's own verdict (State pause bits, oracle slots) is kept, and the API adds what only the reader can see: a map
 * no newer scan has replaced (scans failing or refused) turns stale with its age. Fail closed: a map that did not
 * record a verdict is never read as live.
 *
 * @param ageMs how long ago the scan finished
 */
record LiqMapStatus(String state, String reason, long ageMs) {
    /** Scans run hourly: a map older than two missed scans and a retry is not the market now. */
    static final Duration MAX_AGE = Duration.ofMinutes(150);

    static final String LIVE = "live";
    static final String STALE = "stale";
    static final String FROZEN = "frozen";
    private static final Set<String> STATES = Set.of(LIVE, STALE, FROZEN);

    static LiqMapStatus of(JsonNode doc, long nowMs) {
        long ageMs = Math.max(0, nowMs - doc.path("ts").asLong(0));
        String scanState = doc.path("state").asText("");
        List<String> reasons = new ArrayList<>();
        String state;
        if (STATES.contains(scanState)) {
            state = scanState;
            if (!doc.path("reason").asText("").isEmpty()) {
                reasons.add(doc.path("reason").asText());
            }
        } else {
            state = STALE;
            reasons.add("the scan did not record whether its market was live (written before the freshness checks)");
        }
        if (!state.equals(FROZEN) && ageMs > MAX_AGE.toMillis()) {
            state = STALE;
            reasons.add("the map is " + ageMs / 60_000 + " min old: no scan has replaced it for more than "
                    + MAX_AGE.toMinutes() + " min");
        }
        return new LiqMapStatus(state, String.join("; ", reasons), ageMs);
    }
}
