package perpwatch.feeds.binance.book;

import java.net.URI;
import java.time.Duration;
import perpwatch.feeds.http.RestCallException;
import perpwatch.feeds.http.RestGetter;
import perpwatch.feeds.parse.MalformedFrameException;

/** {@code GET {rest}/fapi/v1/depth?symbol=…&limit=1000} with the JDK client; every failure is one checked exception. */
public final class DepthSnapshotClient {
    private final URI uri;
    private final RestGetter http;
    private final BinanceDepthParser parser = new BinanceDepthParser();

    public DepthSnapshotClient(URI uri, Duration timeout) {
        this.uri = uri;
        this.http = new RestGetter(timeout);
    }

    public URI uri() {
        return uri;
    }

    public DepthSnapshot fetch() throws SnapshotUnavailableException, InterruptedException {
        String body;
        try {
            body = http.get(uri);
        } catch (RestCallException e) {
            throw new SnapshotUnavailableException(
                    e.getMessage(), e.status(), e.retryAfter().orElse(null), e);
        }
        try {
            return parser.parseSnapshot(body);
        } catch (MalformedFrameException e) {
            throw new SnapshotUnavailableException(
                    "GET " + uri + " returned an unreadable snapshot: " + e.getMessage(), 0, null, e);
        }
    }
}
