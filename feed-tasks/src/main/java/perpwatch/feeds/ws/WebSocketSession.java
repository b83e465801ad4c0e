package perpwatch.feeds.ws;

/** The open connection, as a venue client sees it. */
public interface WebSocketSession {
    void sendText(String text);
}
