package perpwatch.feeds.okx;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.metrics.FrameCounter;
import perpwatch.feeds.metrics.LogSampler;

/**
 * Counts the rows of an OKX push that did not read ({@code bad_rows}) and logs a sample of them: the trades task and
 * the liquidation source report them the same way.
 */
final class OkxBadRows {
    private static final Logger LOG = LoggerFactory.getLogger(OkxBadRows.class);

    private OkxBadRows() {}

    static void report(String who, List<OkxFrame.BadRow> rows, FeedCounters counters) {
        for (OkxFrame.BadRow row : rows) {
            long n = counters.incrementAndGet(FrameCounter.BAD_ROWS);
            if (LogSampler.shouldLog(n)) {
                LOG.warn(
                        "[{}] skipped bad row #{} of {} ({}); the rest of its frame is kept",
                        who,
                        n,
                        row.instId().isEmpty() ? "an unnamed instrument" : row.instId(),
                        row.reason());
            }
        }
    }
}
