package perpwatch.functions.webhook;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Per-instance counts of what the webhook received and did, for logs and {@code GET /api/webhooks/helius/counters}. */
@Singleton
public class WebhookCounters {
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    void add(String name, long amount) {
        counts.computeIfAbsent(name, k -> new AtomicLong()).addAndGet(amount);
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
