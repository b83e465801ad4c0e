package perpwatch.local.market;

/** One frame a tape wants sent: on which stream, when (epoch ms, wall clock), and the payload in wire format. */
public record TapeFrame(String stream, long sendAtMs, String payload) {}
