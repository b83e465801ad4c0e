package perpwatch.functions.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * JSON answers with a strong ETag of their bytes: a dashboard polling every second sends {@code If-None-Match} and
 * gets an empty 304 while nothing changed, instead of the same heatmap again. By default {@code Cache-Control:
 * no-cache} makes clients revalidate every time, so nothing stale is ever shown as current; an answer that is cached
 * on purpose ({@link #answer(HttpRequest, Rendered, String)}) names its own directive.
 */
@Singleton
public class ConditionalJson {
    public static final String NO_CACHE = "no-cache";

    private final JsonMapper json;

    public ConditionalJson(JsonMapper json) {
        this.json = json;
    }

    /** A body's JSON bytes and its ETag: what a cache keeps, so a cached answer is not serialised again. */
    public record Rendered(byte[] body, String etag) {}

    public HttpResponse<?> answer(HttpRequest<?> request, Object body) {
        return answer(request, render(body), NO_CACHE);
    }

    /**
     * For a body with a field that changes on every call (its computation time): the ETag is weak and covers
     * {@code fingerprint}, the body without that field, so "only the clock moved" still answers 304.
     */
    public HttpResponse<?> answer(HttpRequest<?> request, Object body, Object fingerprint) {
        return answer(request, render(body, fingerprint), NO_CACHE);
    }

    /** The body with a strong ETag of its bytes. */
    public Rendered render(Object body) {
        byte[] bytes = bytes(body);
        return new Rendered(bytes, "\"" + HexFormat.of().formatHex(sha256(bytes), 0, 16) + "\"");
    }

    /** The body with a weak ETag of {@code fingerprint}; see {@link #answer(HttpRequest, Object, Object)}. */
    public Rendered render(Object body, Object fingerprint) {
        return new Rendered(bytes(body), "W/\"" + HexFormat.of().formatHex(sha256(bytes(fingerprint)), 0, 16) + "\"");
    }

    /** A rendered answer, or an empty 304 when the client already holds its ETag; both carry {@code cacheControl}. */
    public HttpResponse<?> answer(HttpRequest<?> request, Rendered rendered, String cacheControl) {
        if (request.getHeaders()
                .get("If-None-Match", String.class)
                .map(rendered.etag()::equals)
                .orElse(false)) {
            return HttpResponse.status(HttpStatus.NOT_MODIFIED)
                    .header("ETag", rendered.etag())
                    .header("Cache-Control", cacheControl);
        }
        return HttpResponse.ok(rendered.body())
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("ETag", rendered.etag())
                .header("Cache-Control", cacheControl);
    }

    private byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
