package perpwatch.feeds.http;

/**
 * An HTTP answer whatever its status, for parsers that turn a status into a typed rejection of their own (Velocity's).
 * Status 0: no answer at all (connection refused, timeout).
 */
public record HttpAnswer(int status, String body) {}
