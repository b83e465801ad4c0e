package perpwatch.functions.ping;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /api/ping}: a constant answer with no work behind it, on the same Netty pipeline (routing, filters,
 * error handlers) as every other route. The load benchmarks measure it beside the guards, so the gap between the two
 * is the guards' own work and not the server's or the driver's.
 *
 * <p>Served only where {@code perpwatch.api.ping=true} (the local cloud sets it; nothing in the deployed stacks does):
 * the dashboard API forwards {@code /api/{proxy+}}, so without the switch this would be a public route that costs a
 * Lambda invocation per call and tells a caller nothing. Elsewhere it answers 404 as an unknown path.
 */
@Controller("/api")
@Requires(property = PingController.ENABLED, value = "true")
public class PingController {
    /** The switch that serves the route. */
    public static final String ENABLED = "perpwatch.api.ping";

    /** The body, written as bytes: no serialiser runs. */
    static final byte[] BODY = "{\"ok\":true}".getBytes(StandardCharsets.US_ASCII);

    @Get("/ping")
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> ping() {
        return HttpResponse.ok(BODY).header("Cache-Control", "no-store");
    }
}
