package perpwatch.feeds.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import perpwatch.feeds.metrics.LogSampler;

/**
 * A JSON GET with the JDK client: the body of a 2xx answer, or one {@link RestCallException} saying what went wrong;
 * or, for a caller that judges statuses itself, any {@link HttpAnswer}.
 */
public final class RestGetter {
    private final HttpClient http;
    private final Duration timeout;

    public RestGetter(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public String get(URI uri) throws RestCallException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = send(uri);
        } catch (IOException e) {
            throw new RestCallException("GET " + uri + " failed: " + e, 0, null, e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw new RestCallException(
                    "GET " + uri + " answered " + status + ": " + abbreviate(response.body()),
                    status,
                    retryAfter(response),
                    null);
        }
        return response.body();
    }

    /** The answer whatever its status; status 0 with the failure as body when none came. */
    public HttpAnswer answer(URI uri) throws InterruptedException {
        try {
            HttpResponse<String> response = send(uri);
            return new HttpAnswer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new HttpAnswer(0, "GET " + uri + " failed: " + e);
        }
    }

    private HttpResponse<String> send(URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Duration retryAfter(HttpResponse<String> response) {
        return response.headers()
                .firstValue("Retry-After")
                .map(value -> {
                    try {
                        return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                })
                .orElse(null);
    }

    public static String abbreviate(String text) {
        return text == null ? "" : LogSampler.abbreviate(text);
    }
}
