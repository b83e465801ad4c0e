package perpwatch.feeds;

import java.util.Map;

/** A long-lived worker that holds one venue feed and writes its streams. */
public interface FeedTask extends AutoCloseable {
    String name();

    void start();

    /** Event counters (frames, malformed, gaps, writes…) for logs and health. */
    Map<String, Long> counters();

    @Override
    void close();
}
