package perpwatch.functions.guards;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The first occurrence is written at once; the rest within the interval are folded and counted into the next line. */
class ThrottledWarningTest {
    @Test
    void oneLinePerIntervalWithTheFoldedCount() {
        AtomicLong now = new AtomicLong(10_000);
        ThrottledWarning warning = new ThrottledWarning(1_000, now::get);
        assertEquals(0, warning.occurred(), "the first is written");
        assertEquals(-1, warning.occurred());
        now.addAndGet(999);
        assertEquals(-1, warning.occurred());
        now.addAndGet(1);
        assertEquals(2, warning.occurred(), "a second later: written, standing for the two folded");
        assertEquals(-1, warning.occurred());
        now.addAndGet(5_000);
        assertEquals(1, warning.occurred());
        now.addAndGet(5_000);
        assertEquals(0, warning.occurred());
    }
}
