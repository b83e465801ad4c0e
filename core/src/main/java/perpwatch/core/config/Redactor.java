package perpwatch.core.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes credentials out of text before it reaches a log line or an exception message. Providers put API keys in URLs
 * (Helius {@code ?api-key=}, Triton and QuickNode {@code /<key>} path segments, {@code user:pass@host}), and those
 * URLs end up in messages: our own, the HTTP client's and {@link java.net.URI}'s parse errors, which echo the whole
 * value. Every URL-shaped run in the text is rewritten; the rest of the text is kept.
 *
 * <p>What goes: userinfo; the value of any query parameter (a name alone says little about whether the value is a
 * key, so none is kept); any path segment that looks like a key (long, or mixing letters and digits without being a
 * word). Scheme, host, port and ordinary path words stay, so an operator can still tell which node failed.
 */
public final class Redactor {
    public static final String MASK = "***";

    /** A scheme and everything up to the next whitespace, quote or bracket: what a message quotes as a URL. */
    private static final Pattern URL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s\"'<>()\\[\\]{}]*");
    /** Path segments we keep as they are: short plain words and numbers, like {@code v1}, {@code rpc}, {@code api}. */
    private static final Pattern PLAIN_SEGMENT =
            Pattern.compile("[A-Za-z_]{1,20}|[a-z]{1,8}[0-9]{1,2}|[0-9]{1,6}|[a-z]+(-[a-z]+)+");

    private Redactor() {}

    /** {@code text} with every URL in it redacted; null stays null. */
    public static String redact(String text) {
        if (text == null || text.indexOf("://") < 0) {
            return text == null ? null : redactBare(text);
        }
        Matcher m = URL.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(url(m.group())));
        }
        m.appendTail(out);
        return redactBare(out.toString());
    }

    /** A throwable's message, redacted (null when it has none). */
    public static String message(Throwable t) {
        return t == null ? null : redact(t.getMessage());
    }

    /** Query strings outside a URL ({@code api-key=...}), as some clients quote the query alone. */
    private static final Pattern BARE_QUERY = Pattern.compile(
            "(?i)\\b(api[-_]?key|apikey|token|access[-_]?token|key|secret|password|auth)=([^&\\s\"')\\]]+)");

    private static String redactBare(String text) {
        return BARE_QUERY.matcher(text).replaceAll("$1=" + MASK);
    }

    /** One URL, redacted. Works on the text, not on {@link java.net.URI}: the value may not parse at all. */
    static String url(String url) {
        int schemeEnd = url.indexOf("://") + 3;
        String scheme = url.substring(0, schemeEnd);
        String rest = url.substring(schemeEnd);
        int fragment = rest.indexOf('#');
        if (fragment >= 0) {
            rest = rest.substring(0, fragment);
        }
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = MASK + "@" + authority.substring(at + 1);
        }
        StringBuilder out = new StringBuilder(scheme).append(authority);
        if (!path.isEmpty()) {
            String[] segments = path.substring(1).split("/", -1);
            for (String segment : segments) {
                out.append('/').append(segment.isEmpty() || plain(segment) ? segment : MASK);
            }
        }
        if (query != null) {
            out.append('?');
            String[] params = query.split("&", -1);
            for (int i = 0; i < params.length; i++) {
                int eq = params[i].indexOf('=');
                out.append(i == 0 ? "" : "&").append(eq < 0 ? MASK : params[i].substring(0, eq + 1) + MASK);
            }
        }
        return out.toString();
    }

    private static boolean plain(String segment) {
        return PLAIN_SEGMENT.matcher(segment).matches();
    }
}
