package perpwatch.feeds.binance.book;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import perpwatch.feeds.parse.MalformedFrameException;

/** {@code GET {rest}/fapi/v1/depth?symbol=…&limit=1000} with the JDK client; every failure is one checked exception. */
public final class DepthSnapshotClient {
    private final URI uri;
    private final Duration timeout;
    private final HttpClient http;
    private final BinanceDepthParser parser = new BinanceDepthParser();

    public DepthSnapshotClient(URI uri, Duration timeout) {
        this.uri = uri;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public URI uri() {
        return uri;
    }

    public DepthSnapshot fetch() throws SnapshotUnavailableException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SnapshotUnavailableException("GET " + uri + " failed: " + e, 0, null, e);
        }
        int status = response.statusCode();
        if (status != 200) {
            throw new SnapshotUnavailableException("GET " + uri + " answered " + status + ": " + abbreviate(response.body()),
                    status, retryAfter(response), null);
        }
        try {
            return parser.parseSnapshot(response.body());
        } catch (MalformedFrameException e) {
            throw new SnapshotUnavailableException("GET " + uri + " returned an unreadable snapshot: " + e.getMessage(), 0, null, e);
        }
    }

    private static Duration retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").map(value -> {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
