package perpwatch.feeds.metrics;

/** Logs the 1st–10th occurrence of a recurring problem, then every power of two, so a flood cannot drown the log. */
public final class LogSampler {
    private LogSampler() {}

    public static boolean shouldLog(long occurrence) {
        return occurrence <= 10 || (occurrence & (occurrence - 1)) == 0;
    }
}
