package perpwatch.functions.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.kinesis.DurableLogUnavailableException;
import perpwatch.functions.api.ApiError;
import perpwatch.functions.config.FunctionsConfig;

/**
 * {@code POST /api/webhooks/helius}: Helius enhanced-webhook deliveries. Does the minimum before answering (check,
 * parse, one log write, one Redis script per new signature) so Helius gets its answer in milliseconds. The answer
 * depends on the durable log alone: 503 (Helius retries) only when Kinesis cannot take the records; Redis being down
 * is caught up later (see {@link HeliusWebhookService}).
 */
@Controller("/api/webhooks/helius")
// Blocking store calls (Redis, Kinesis) run on the I/O pool, never on a Netty event loop that other requests share.
@ExecuteOn(TaskExecutors.BLOCKING)
public class HeliusWebhookController {
    private static final Logger LOG = LoggerFactory.getLogger(HeliusWebhookController.class);
    private final WebhookConfig config;
    private final HeliusWebhookService service;
    private final WebhookCounters counters;
    private final WebhookSecrets secrets;
    private final HeliusPayloadParser parser;

    public HeliusWebhookController(
            FunctionsConfig config, HeliusWebhookService service, WebhookCounters counters, WebhookSecrets secrets) {
        this.config = config.webhook();
        this.service = service;
        this.counters = counters;
        this.parser = new HeliusPayloadParser(this.config.programs());
        this.secrets = secrets;
    }

    @Post(consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.ALL})
    public HttpResponse<?> receive(
            @Nullable @Header("Authorization") String authorization, @Nullable @Body byte[] body) {
        counters.add("deliveries", 1);
        WebhookSecrets.Verdict verdict = secrets.check(authorization);
        if (verdict == WebhookSecrets.Verdict.UNAVAILABLE) {
            LOG.error(
                    "helius delivery refused: no webhook secret to check it against ({} or {} unset or unreadable)",
                    WebhookSecrets.AUTH_ENV,
                    WebhookSecrets.ARN_ENV);
            return error(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "the webhook secret is not configured");
        }
        if (verdict == WebhookSecrets.Verdict.REFUSED) {
            counters.add("auth_failures", 1);
            LOG.warn("helius delivery refused: {} Authorization header", authorization == null ? "missing" : "wrong");
            return error(HttpStatus.UNAUTHORIZED, "unauthorized", "missing or wrong Authorization header");
        }
        if (body != null && body.length > config.maxBody()) {
            counters.add("too_large", 1);
            return error(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "too_large", "body over " + config.maxBody() + " bytes");
        }
        HeliusPayload payload;
        try {
            payload = parser.parse(body == null ? new byte[0] : body);
        } catch (MalformedPayloadException e) {
            counters.add("malformed_bodies", 1);
            return error(HttpStatus.BAD_REQUEST, "bad_body", e.getMessage());
        }
        try {
            return HttpResponse.ok(service.store(payload));
        } catch (DurableLogUnavailableException e) {
            counters.add("store_failures", 1);
            LOG.warn("helius delivery not stored (Helius will retry): {}", e.getMessage());
            return error(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "durable log unreachable; retry later");
        }
    }

    private static HttpResponse<ApiError> error(HttpStatus status, String code, String message) {
        return HttpResponse.<ApiError>status(status).body(new ApiError(code, null, message));
    }
}
