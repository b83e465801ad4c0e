package perpwatch.functions.webhook;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.kinesis.LogRecord;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.stream.StreamKeys;
import perpwatch.functions.config.FunctionsConfig;
import perpwatch.functions.durable.DurableLog;

/**
 * Stores a webhook delivery's Drift transactions exactly once. Order matters: signatures already seen are set
 * aside, the rest go to the durable log first, and only then to Redis together with their "seen" mark in one atomic
 * script. A failure anywhere throws, the caller answers 503, Helius redelivers, and nothing was marked seen that
 * was not written. A redelivery after a half-finished attempt may put a record on the log twice; the archive
 * deduplicates by signature.
 */
@Singleton
public class HeliusWebhookService {
    private static final Logger LOG = LoggerFactory.getLogger(HeliusWebhookService.class);
    private final RedisStreams redis;
    private final DurableLog log;
    private final WebhookConfig config;
    private final WebhookCounters counters;
    private final Clock clock;
    private final StreamKey key = StreamKeys.driftEvents();

    public HeliusWebhookService(RedisStreams redis, DurableLog log, FunctionsConfig config, WebhookCounters counters, Clock clock) {
        this.redis = redis;
        this.log = log;
        this.config = config.webhook();
        this.counters = counters;
        this.clock = clock;
    }

    /**
     * @throws perpwatch.core.redis.StoreUnavailableException            when Redis cannot be read or written
     * @throws perpwatch.core.kinesis.DurableLogUnavailableException when the log refuses the records
     */
    WebhookResult store(HeliusPayload payload) {
        long now = clock.millis();
        List<DriftTransaction> unique = new ArrayList<>();
        int duplicates = 0;
        java.util.Set<String> signatures = new java.util.HashSet<>();
        for (DriftTransaction tx : payload.drift()) {
            if (signatures.add(tx.signature())) {
                unique.add(tx);
            } else {
                duplicates++;
            }
        }
        List<Boolean> seen = redis.seen(key, unique.stream().map(HeliusWebhookService::seenKey).toList());
        List<DriftTransaction> fresh = new ArrayList<>();
        for (int i = 0; i < unique.size(); i++) {
            if (seen.get(i)) {
                duplicates++;
            } else {
                fresh.add(unique.get(i));
            }
        }
        int accepted = 0;
        if (!fresh.isEmpty()) {
            List<LogRecord> records = new ArrayList<>(fresh.size());
            List<RedisStreams.OnceEntry> entries = new ArrayList<>(fresh.size());
            for (DriftTransaction tx : fresh) {
                records.add(new LogRecord(key.name(), tx.fields(now), now, "helius:" + tx.signature()));
                entries.add(new RedisStreams.OnceEntry(seenKey(tx), tx.fields(now)));
            }
            log.append(records);
            for (boolean appended : redis.appendOnce(key, entries, config.dedupeTtl(), now)) {
                if (appended) {
                    accepted++;
                } else {
                    // Another instance stored it between our check and our write.
                    duplicates++;
                }
            }
        }
        counters.add("accepted", accepted);
        counters.add("duplicates", duplicates);
        counters.add("non_drift", payload.nonDrift());
        counters.add("malformed", payload.malformed());
        if (payload.malformed() > 0) {
            LOG.warn("helius delivery: {} malformed transaction(s) skipped, {} accepted", payload.malformed(), accepted);
        }
        return new WebhookResult("ok", accepted, duplicates, payload.nonDrift(), payload.malformed());
    }

    private static String seenKey(DriftTransaction tx) {
        return "onchain:drift:seen:" + tx.signature();
    }
}
