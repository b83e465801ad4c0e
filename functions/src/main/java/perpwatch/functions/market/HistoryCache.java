package perpwatch.functions.market;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import perpwatch.functions.api.ConditionalJson.Rendered;

/**
 * History answers kept in this instance for their bin width, capped at {@link #LIVE_EDGE}: a burst of dashboards
 * asking for the same week of liquidations costs Redis one computation per instance per minute, not one per request.
 *
 * <p>Why the cap: the last bin of every history answer is open (the current hour's OI, the predicted funding rate,
 * the heatmap's newest column) and the feeds update it every minute or faster, so an answer kept for its whole bin
 * width (14 h at {@code hours=168}) would hide a liquidation cascade for hours. Every bin is at least 5 minutes wide
 * today, so every history answer is kept 60 s: at most a minute old, whichever instance or CloudFront edge serves it.
 *
 * <p>One computation per key at a time: concurrent misses on the same key wait for the first instead of all reading
 * Redis. Keys are bounded (route × configured symbol × hours 1–168), so the map needs no eviction.
 */
@Singleton
public class HistoryCache {
    public static final Duration LIVE_EDGE = Duration.ofSeconds(60);

    private final Clock clock;
    private final ConcurrentMap<String, Slot> slots = new ConcurrentHashMap<>();

    /** An answer and when it stops being served. */
    public record Fresh(Rendered rendered, long expiresAtMs) {
        /**
         * Browsers revalidate every time ({@code max-age=0}, answered 304 while the ETag holds); shared caches
         * (CloudFront) keep it for what is left of its life here, so no edge serves it longer than this instance.
         */
        public String cacheControl(long nowMs) {
            return "public, max-age=0, s-maxage=" + Math.max(0, (expiresAtMs - nowMs) / 1000);
        }
    }

    private static final class Slot {
        private Fresh fresh;

        synchronized Fresh get(long nowMs, long lifeMs, Supplier<Rendered> compute) {
            if (fresh == null || nowMs >= fresh.expiresAtMs()) {
                fresh = new Fresh(compute.get(), nowMs + lifeMs);
            }
            return fresh;
        }
    }

    public HistoryCache(Clock clock) {
        this.clock = clock;
    }

    /** How long an answer whose time bins are {@code binWidth} wide is kept. */
    public static Duration lifetime(Duration binWidth) {
        return binWidth.compareTo(LIVE_EDGE) < 0 ? binWidth : LIVE_EDGE;
    }

    /** The cached answer for {@code key}, computed now if it has none or it has expired. */
    public Fresh get(String key, Duration binWidth, Supplier<Rendered> compute) {
        return slots.computeIfAbsent(key, k -> new Slot())
                .get(clock.millis(), lifetime(binWidth).toMillis(), compute);
    }

    public long nowMs() {
        return clock.millis();
    }
}
