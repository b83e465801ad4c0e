package perpwatch.feeds.onchain.scan;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bad input the scanner met, counted by kind for the task's counters and logged once per kind with its first reason:
 * a node that serves 10,000 bad accounts every hour would otherwise drown the log, and a silent one would go unseen.
 */
public final class BadInput {
    private static final Logger LOG = LoggerFactory.getLogger(BadInput.class);

    /** What was wrong; {@link #counter()} is the task's counter name. */
    public enum Kind {
        UNKNOWN_ACCOUNT_SIZE,
        SHORT_ACCOUNT,
        ORACLE_EXPONENT,
        ORACLE_UNDECODABLE,
        STATE_UNREADABLE,
        RPC_BODY,
        MALFORMED_ACCOUNT;

        public String counter() {
            return "bad_input_" + name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Kind, AtomicLong> counts = new EnumMap<>(Kind.class);

    public BadInput() {
        for (Kind k : Kind.values()) {
            counts.put(k, new AtomicLong());
        }
    }

    /** Counts {@code times} occurrences; the first occurrence of a kind is logged with {@code reason}. */
    public void record(Kind kind, long times, String reason) {
        if (times <= 0) {
            return;
        }
        if (counts.get(kind).getAndAdd(times) == 0) {
            LOG.warn(
                    "bad on-chain input ({}), counted as {} and logged only this once: {}",
                    kind,
                    kind.counter(),
                    reason);
        }
    }

    public void record(Kind kind, String reason) {
        record(kind, 1, reason);
    }

    public long count(Kind kind) {
        return counts.get(kind).get();
    }

    /** Every kind's count, zeros included, so a dashboard sees the counter before the first bad account. */
    public Map<String, Long> counters() {
        Map<String, Long> c = new LinkedHashMap<>();
        counts.forEach((k, v) -> c.put(k.counter(), v.get()));
        return c;
    }
}
