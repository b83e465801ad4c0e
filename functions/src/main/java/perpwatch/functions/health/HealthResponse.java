package perpwatch.functions.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code GET /api/internal/health} (IAM only); the public {@code GET /api/health} gives {@link #status} alone.
 *
 * @param status {@code ok} (every stream with a budget is within it and every feed link is subscribed),
 *               {@code degraded} (some stream is empty or behind, or some feed link is not subscribed), {@code down}
 *               (Redis unreachable)
 * @param feeds  every WebSocket link of the feed tasks, per instrument
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record HealthResponse(
        long ts, String redis, String status, List<StreamHealth> streams, List<FeedHealth> feeds) {}
