package perpwatch.functions.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.redis.StoreUnavailableException;

/** Turns failures into JSON {@link ApiError} bodies: never a stack trace, never Micronaut's default page. */
@Controller
@Requires(classes = HttpRequest.class)
public class ApiErrorHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrorHandlers.class);

    @Error(global = true)
    public HttpResponse<ApiError> badParameter(HttpRequest<?> request, BadParameterException e) {
        return HttpResponse.<ApiError>status(HttpStatus.BAD_REQUEST)
                .body(new ApiError("bad_parameter", e.parameter(), e.getMessage()));
    }

    /** History routes cannot answer without Redis; guards handle this themselves (they answer "unavailable"). */
    @Error(global = true)
    public HttpResponse<ApiError> storeUnavailable(HttpRequest<?> request, StoreUnavailableException e) {
        LOG.warn("{} {}: {}", request.getMethod(), request.getPath(), e.getMessage());
        return HttpResponse.<ApiError>status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(new ApiError("unavailable", null, "the market data store is unreachable; retry shortly"));
    }

    /** Netty refuses a body over micronaut.server.max-request-size before any controller sees it. */
    @Error(global = true)
    public HttpResponse<ApiError> tooLarge(HttpRequest<?> request, ContentLengthExceededException e) {
        return HttpResponse.<ApiError>status(HttpStatus.REQUEST_ENTITY_TOO_LARGE)
                .body(new ApiError("too_large", null, "request body is too large"));
    }

    @Error(status = HttpStatus.NOT_FOUND, global = true)
    public HttpResponse<ApiError> notFound(HttpRequest<?> request) {
        return HttpResponse.<ApiError>status(HttpStatus.NOT_FOUND)
                .body(new ApiError("not_found", null, "no route " + request.getMethod() + " " + request.getPath()));
    }

    @Error(global = true)
    public HttpResponse<ApiError> unexpected(HttpRequest<?> request, Throwable e) {
        LOG.error("unhandled error on {} {}", request.getMethod(), request.getPath(), e);
        return HttpResponse.<ApiError>status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(new ApiError("internal_error", null, "the request failed; see the server log"));
    }
}
