package perpwatch.functions.health;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * {@code GET /api/health}: 200 while Redis answers (even if a feed is behind: the body says which), 503 when it does
 * not.
 */
@Controller("/api")
public class HealthController {
    private final HealthService health;

    public HealthController(HealthService health) {
        this.health = health;
    }

    @Get("/health")
    public HttpResponse<HealthResponse> health() {
        HealthResponse response = health.check();
        HttpStatus status = "down".equals(response.redis()) ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK;
        return HttpResponse.<HealthResponse>status(status).body(response).header("Cache-Control", "no-store");
    }
}
