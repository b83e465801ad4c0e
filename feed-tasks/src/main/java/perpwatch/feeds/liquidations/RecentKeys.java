package perpwatch.feeds.liquidations;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded memory of recently seen event keys, for venues that may push the same event twice (OKX's
 * liquidation-orders is "not necessarily in chronological order" and repeats rows across pushes).
 */
public final class RecentKeys {
    private final Map<String, Boolean> seen;

    public RecentKeys(int capacity) {
        this.seen = new LinkedHashMap<>(capacity * 2, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True the first time {@code key} is offered (within the capacity window). */
    public synchronized boolean firstTime(String key) {
        return seen.put(key, Boolean.TRUE) == null;
    }
}
