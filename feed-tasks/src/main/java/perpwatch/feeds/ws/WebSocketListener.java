package perpwatch.feeds.ws;

/** What a venue client plugs into {@link ReconnectingWebSocket}: its subscribe step and its parser. */
public interface WebSocketListener {
    /** A connection is up; send subscriptions here. Called again after every reconnect. */
    void onOpen(WebSocketSession session);

    /** One complete text message, with the time we received its last fragment (epoch ms). */
    void onText(String text, long recvMs);

    /**
     * The connection is gone (closed, failed, silent or rotated); a new one follows unless the loop was closed. By
     * default hands the description to {@link #onDisconnect(String)}, for listeners that only log it.
     */
    default void onDisconnect(Disconnect disconnect) {
        onDisconnect(disconnect.description());
    }

    /** The connection is gone, described for people. */
    default void onDisconnect(String reason) {}
}
