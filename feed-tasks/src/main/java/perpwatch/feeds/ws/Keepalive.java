package perpwatch.feeds.ws;

import java.time.Duration;

/**
 * What to send to keep a quiet connection alive, and how often. {@code text == null} sends a protocol ping frame
 * (Binance answers those with pong frames); otherwise the text is sent as a data frame (OKX {@code ping},
 * Bybit {@code {"op":"ping"}}).
 */
public record Keepalive(Duration interval, String text) {
    public static Keepalive protocolPing(Duration interval) {
        return new Keepalive(interval, null);
    }

    public static Keepalive textFrame(Duration interval, String text) {
        return new Keepalive(interval, text);
    }
}
