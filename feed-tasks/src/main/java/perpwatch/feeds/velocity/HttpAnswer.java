package perpwatch.feeds.velocity;

/**
 * An HTTP answer as Velocity's parsers take it: the status and the body, whatever the status, since the parsers turn
 * a status into its typed rejection. Status 0: no answer at all (connection refused, timeout).
 */
public record HttpAnswer(int status, String body) {}
