package perpwatch.feeds.velocity;

/** What parsing a Velocity answer gave: a value, or the typed reason there is none. */
public sealed interface Outcome<T> {
    record Accepted<T>(T value) implements Outcome<T> {}

    record Rejected<T>(Rejection reason, String detail) implements Outcome<T> {}

    static <T> Outcome<T> accepted(T value) {
        return new Accepted<>(value);
    }

    static <T> Outcome<T> rejected(Rejection reason, String detail) {
        return new Rejected<>(reason, detail);
    }

    /** An HTTP status that is not a success, as its rejection; null for 2xx. */
    static <T> Outcome<T> forStatus(int status, String body) {
        if (status == 429) {
            return rejected(Rejection.RATE_LIMITED, "HTTP 429");
        }
        if (status < 200 || status > 299) {
            String text = body == null ? "" : body.strip();
            return rejected(Rejection.HTTP_ERROR, "HTTP " + status + (text.isEmpty() ? "" : ": " + abbreviate(text)));
        }
        return null;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
