package perpwatch.feeds.metrics;

/** Logs the 1st–10th occurrence of a recurring problem, then every power of two, so a flood cannot drown the log. */
public final class LogSampler {
    private static final int SAMPLE_CHARS = 200;

    private LogSampler() {}

    public static boolean shouldLog(long occurrence) {
        return occurrence <= 10 || (occurrence & (occurrence - 1)) == 0;
    }

    /** The start of a frame for a log line: a malformed frame can be megabytes. */
    public static String abbreviate(String text) {
        return text.length() <= SAMPLE_CHARS
                ? text
                : text.substring(0, SAMPLE_CHARS) + "…(" + text.length() + " chars)";
    }
}
