package perpwatch.feeds.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Event counters of one feed task (frames, malformed, gaps, writes…), readable as a sorted snapshot under their
 * {@link CounterKey#key()} names. Counted only by typed key; read by key or by name (health, tests).
 */
public final class FeedCounters {
    private final ConcurrentHashMap<CounterKey, LongAdder> counters = new ConcurrentHashMap<>();

    public void increment(CounterKey counter) {
        adder(counter).increment();
    }

    /** Counts one and returns the new total (for sampled logging: the 1st, 2nd… 10th, then powers of two). */
    public long incrementAndGet(CounterKey counter) {
        LongAdder adder = adder(counter);
        adder.increment();
        return adder.sum();
    }

    public void add(CounterKey counter, long amount) {
        adder(counter).add(amount);
    }

    public long get(CounterKey counter) {
        LongAdder adder = counters.get(counter);
        return adder == null ? 0 : adder.sum();
    }

    /** By the name health shows. */
    public long get(String name) {
        return snapshot().getOrDefault(name, 0L);
    }

    /** By name; two keys of the same name (a {@code published} of two concerns) add up. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((k, v) -> copy.merge(k.key(), v.sum(), Long::sum));
        return copy;
    }

    private LongAdder adder(CounterKey counter) {
        return counters.computeIfAbsent(counter, k -> new LongAdder());
    }
}
