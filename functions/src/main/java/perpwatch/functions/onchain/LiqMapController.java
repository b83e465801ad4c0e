package perpwatch.functions.onchain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import perpwatch.functions.api.ApiError;
import perpwatch.functions.api.BadParameterException;
import perpwatch.functions.api.ConditionalJson;

/**
 * {@code GET /api/onchain/liq-map}: where SOL-PERP positions on the configured on-chain program (Velocity, or Drift v2)
 * get liquidated, nearest first, from the latest completed scan. 503 with the reason until a scan has completed:
 * never an empty map that looks like "no risk". Every answer says {@code state} ({@code live}, {@code stale} or
 * {@code frozen}), its {@code reason}, and {@code age_ms}: a paused program or a map nothing has replaced is never
 * presented as live.
 */
@Controller("/api/onchain")
@ExecuteOn(TaskExecutors.BLOCKING)
public class LiqMapController {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 5_000;

    private final LiqMapService maps;
    private final ConditionalJson conditional;

    private final Clock clock;

    public LiqMapController(LiqMapService maps, ConditionalJson conditional, Clock clock) {
        this.maps = maps;
        this.conditional = conditional;
        this.clock = clock;
    }

    @Get("/liq-map")
    public HttpResponse<?> liqMap(
            HttpRequest<?> request,
            @Nullable @QueryValue String limit,
            @Nullable @QueryValue String side,
            @Nullable @QueryValue("max_distance_bps") String maxDistanceBps) {
        int max = limit(limit);
        String wantedSide = side(side);
        BigDecimal maxDistance = maxDistance(maxDistanceBps);
        Optional<JsonNode> latest = maps.latest();
        if (latest.isEmpty()) {
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(new ApiError(
                            "no_scan",
                            null,
                            "no on-chain liquidation map yet: the drift-liq-map task has not completed a scan"));
        }
        JsonNode doc = latest.get();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getKey().equals("entries")) {
                out.set(field.getKey(), field.getValue());
            }
        }
        LiqMapStatus status = LiqMapStatus.of(doc, clock.millis());
        out.put("state", status.state());
        out.put("reason", status.reason());
        out.put("age_ms", status.ageMs());
        ArrayNode entries = out.putArray("entries");
        int matched = 0;
        for (JsonNode e : doc.path("entries")) {
            if (wantedSide != null && !wantedSide.equals(e.path("side").asText())) {
                continue;
            }
            if (maxDistance != null
                    && (e.path("distance_bps").isNull()
                            || e.path("distance_bps").decimalValue().compareTo(maxDistance) > 0)) {
                continue;
            }
            matched++;
            if (entries.size() < max) {
                entries.add(e);
            }
        }
        out.put("matched", matched);
        out.put("returned", entries.size());
        // age_ms moves with the clock: the ETag covers the rest, so a poll between scans still gets its 304.
        return conditional.answer(
                request,
                out,
                List.of(
                        doc.path("scan_id").asText(),
                        status.state(),
                        status.reason(),
                        max,
                        String.valueOf(wantedSide),
                        String.valueOf(maxDistance)));
    }

    private static int limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(raw.trim());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the 400
        }
        throw new BadParameterException(
                "limit", "limit must be a whole number from 1 to " + MAX_LIMIT + ", not '" + raw + "'");
    }

    private static String side(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (raw.equals("long") || raw.equals("short")) {
            return raw;
        }
        throw new BadParameterException("side", "side must be long or short, not '" + raw + "'");
    }

    private static BigDecimal maxDistance(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(raw.trim());
            if (d.signum() >= 0) {
                return d;
            }
        } catch (NumberFormatException e) {
            // falls through to the 400
        }
        throw new BadParameterException("max_distance_bps", "max_distance_bps must be a number ≥ 0, not '" + raw + "'");
    }
}
