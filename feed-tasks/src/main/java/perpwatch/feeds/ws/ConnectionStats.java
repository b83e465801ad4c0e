package perpwatch.feeds.ws;

/** Counters of one reconnecting connection since the process started. */
public record ConnectionStats(long connects, long failedConnects, long disconnects, long silenceReconnects,
                              long rotations, long frames, long listenerErrors) {
}
