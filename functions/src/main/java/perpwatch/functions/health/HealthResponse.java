package perpwatch.functions.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code GET /api/health}.
 *
 * @param status {@code ok} (every stream with a budget is within it), {@code degraded} (some stream is empty or
 *               behind), {@code down} (Redis unreachable)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record HealthResponse(long ts, String redis, String status, List<StreamHealth> streams) {
}
