package perpwatch.feeds.ws;

import java.util.Map;

/** Counters of one reconnecting connection since the process started. */
public record ConnectionStats(
        long connects,
        long failedConnects,
        long disconnects,
        long silenceReconnects,
        long rotations,
        long frames,
        long listenerErrors) {

    /** Adds these to a task's counters under {@code ws_} names, so health and the logs show a flapping link. */
    public void describe(Map<String, Long> counters) {
        counters.put("ws_connects", connects);
        counters.put("ws_failed_connects", failedConnects);
        counters.put("ws_disconnects", disconnects);
        counters.put("ws_silence_reconnects", silenceReconnects);
        counters.put("ws_listener_errors", listenerErrors);
    }
}
