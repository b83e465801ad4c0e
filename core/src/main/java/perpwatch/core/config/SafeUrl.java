package perpwatch.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * A URL that may carry a credential (an RPC provider's key in its path or query, a password in its userinfo). Its
 * {@link #toString()} is the redacted form, so it can be logged and put in messages as it is; {@link #uri()} is for
 * the HTTP client alone.
 */
public final class SafeUrl {
    private final URI uri;
    private final String redacted;

    private SafeUrl(URI uri) {
        this.uri = uri;
        this.redacted = Redactor.redact(uri.toString());
    }

    public static SafeUrl of(URI uri) {
        return new SafeUrl(Objects.requireNonNull(uri));
    }

    /**
     * Parses the value of {@code variable} as an http(s) URL with a host. A value that does not parse fails with the
     * variable's name and the reason, never the value: {@link URI#create} would quote it whole, key and all, and the
     * value may not look like a URL at all (a generated secret), so no redaction could find the key in it.
     *
     * @throws IllegalArgumentException naming the variable, without its value
     */
    public static SafeUrl parse(String variable, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(variable + " is empty");
        }
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            // getReason() is the parser's complaint alone; getMessage() would append the input.
            throw new IllegalArgumentException(variable + " is not a valid URL (" + e.getReason() + " at character "
                    + e.getIndex() + "); the value is not shown because it may hold a key");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(variable + " must be an http:// or https:// URL"
                    + (scheme.isEmpty() ? "" : ", not " + scheme + "://")
                    + "; the value is not shown because it may hold a key");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(
                    variable + " has no host name; the value is not shown because it may hold a key");
        }
        return new SafeUrl(uri);
    }

    /** The real URL, key included: for the request, never for a message. */
    public URI uri() {
        return uri;
    }

    public String host() {
        return uri.getHost();
    }

    @Override
    public String toString() {
        return redacted;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SafeUrl other && uri.equals(other.uri);
    }

    @Override
    public int hashCode() {
        return uri.hashCode();
    }
}
