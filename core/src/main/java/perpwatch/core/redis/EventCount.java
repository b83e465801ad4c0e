package perpwatch.core.redis;

import java.util.Map;
import java.util.Objects;

/**
 * Stream entries counted by their own event time ({@code ts}), not by when Redis accepted them: see
 * {@link RedisStreams#countByEventTime}.
 *
 * @param total      entries whose {@code ts} is in the window; equals the sum of {@code byVenue}
 * @param byVenue    the same entries per {@code venue} field (an entry without one is under {@link #NO_VENUE});
 *                   venues with no entry are absent, so read it with {@link #venue(String)}
 * @param unreadable entries scanned whose {@code ts} was missing or not a plain decimal integer: their time is
 *                   unknown, so they are in no count, and a caller that must fail closed can see them
 * @param scanned    entries the scan read, in the window or not
 * @param stop       why the scan stopped; anything but {@link Stop#EXHAUSTED} means {@code total} is a lower bound
 */
public record EventCount(int total, Map<String, Integer> byVenue, int unreadable, int scanned, Stop stop) {
    /** The {@code byVenue} key of entries that carry no {@code venue} field. */
    public static final String NO_VENUE = "unknown";

    public enum Stop {
        /** Every entry down to the id lower bound was read: {@code total} is exact. */
        EXHAUSTED,
        /** {@code total} reached the cap: there are at least {@code total}. */
        CAP_REACHED,
        /**
         * The scan read its limit of entries before reaching the cap or the lower bound (many entries outside the
         * window, e.g. a backlog flushed with fresh ids): there are at least {@code total}, maybe far more.
         */
        SCAN_LIMIT_REACHED
    }

    public EventCount {
        byVenue = Map.copyOf(byVenue);
        Objects.requireNonNull(stop, "stop");
    }

    /** True when the scan stopped early, so the caller must say "at least {@code total}". */
    public boolean capped() {
        return stop != Stop.EXHAUSTED;
    }

    /** The count for one venue, 0 when it had none. */
    public int venue(String venue) {
        return byVenue.getOrDefault(venue, 0);
    }
}
