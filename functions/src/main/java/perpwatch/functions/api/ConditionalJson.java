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
 * gets an empty 304 while nothing changed, instead of the same heatmap again. {@code Cache-Control: no-cache} makes
 * clients revalidate every time, so nothing stale is ever shown as current.
 */
@Singleton
public class ConditionalJson {
    private final JsonMapper json;

    public ConditionalJson(JsonMapper json) {
        this.json = json;
    }

    public HttpResponse<?> answer(HttpRequest<?> request, Object body) {
        byte[] bytes = bytes(body);
        return answer(request, bytes, "\"" + HexFormat.of().formatHex(sha256(bytes), 0, 16) + "\"");
    }

    /**
     * For a body with a field that changes on every call (its computation time): the ETag is weak and covers
     * {@code fingerprint}, the body without that field, so "only the clock moved" still answers 304.
     */
    public HttpResponse<?> answer(HttpRequest<?> request, Object body, Object fingerprint) {
        return answer(
                request, bytes(body), "W/\"" + HexFormat.of().formatHex(sha256(bytes(fingerprint)), 0, 16) + "\"");
    }

    private HttpResponse<?> answer(HttpRequest<?> request, byte[] bytes, String etag) {
        if (request.getHeaders()
                .get("If-None-Match", String.class)
                .map(etag::equals)
                .orElse(false)) {
            return HttpResponse.status(HttpStatus.NOT_MODIFIED)
                    .header("ETag", etag)
                    .header("Cache-Control", "no-cache");
        }
        return HttpResponse.ok(bytes)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("ETag", etag)
                .header("Cache-Control", "no-cache");
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
