package perpwatch.feeds.ws;

/** A connection's end: its kind, for decisions, and a description with the details, for logs. */
public record Disconnect(CloseReason reason, String description) {
    @Override
    public String toString() {
        return description;
    }
}
