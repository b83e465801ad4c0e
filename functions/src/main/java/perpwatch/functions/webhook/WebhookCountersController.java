package perpwatch.functions.webhook;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.Map;

/**
 * {@code GET /api/internal/webhooks/helius/counters}: this instance's webhook counts. Under {@code /api/internal/},
 * which the API routes with IAM authorization only: how many deliveries failed auth is of use to an attacker too.
 */
@Controller("/api/internal/webhooks/helius")
public class WebhookCountersController {
    private final WebhookCounters counters;

    public WebhookCountersController(WebhookCounters counters) {
        this.counters = counters;
    }

    @Get("/counters")
    public Map<String, Long> counters() {
        return counters.snapshot();
    }
}
