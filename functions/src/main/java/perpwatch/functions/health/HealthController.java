package perpwatch.functions.health;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * {@code GET /api/health} (public: the status word alone) and {@code GET /api/internal/health} (IAM only: per stream
 * and per feed link). Both answer 200 while Redis answers (even if a feed is behind: the status says so), 503 when it
 * does not.
 */
@Controller("/api")
public class HealthController {
    private final HealthService health;

    public HealthController(HealthService health) {
        this.health = health;
    }

    @Get("/health")
    public HttpResponse<PublicHealth> health() {
        HealthResponse response = health.check();
        return answer(response, new PublicHealth(response.status()));
    }

    @Get("/internal/health")
    public HttpResponse<HealthResponse> detailed() {
        HealthResponse response = health.check();
        return answer(response, response);
    }

    private static <T> HttpResponse<T> answer(HealthResponse response, T body) {
        HttpStatus status = "down".equals(response.redis()) ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK;
        return HttpResponse.<T>status(status).body(body).header("Cache-Control", "no-store");
    }
}
