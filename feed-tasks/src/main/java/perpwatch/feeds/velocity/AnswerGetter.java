package perpwatch.feeds.velocity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A GET that hands back status and body of any answer; the shared {@code RestGetter} throws on non-2xx instead. */
public final class AnswerGetter {
    private final HttpClient http;
    private final Duration timeout;

    public AnswerGetter(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The answer; status 0 and the failure as body when none came. */
    public HttpAnswer get(URI uri) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new HttpAnswer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new HttpAnswer(0, "GET " + uri + " failed: " + e);
        }
    }
}
