package perpwatch.functions.webhook;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.kinesis.KinesisRecordSink;
import perpwatch.core.kinesis.LogRecord;
import perpwatch.core.kinesis.RecordTooLargeException;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.redis.StoreUnavailableException;
import perpwatch.functions.config.FunctionsConfig;
import perpwatch.functions.durable.DurableLog;

/**
 * Stores a webhook delivery's Drift transactions: the durable log first, always; Redis second, and Redis being down
 * never loses a transaction. Helius retries a failed delivery only a few times within seconds, so the answer
 * depends on the log alone: 200 once Kinesis holds the records, 503 only when it cannot take them.
 *
 * <ol>
 *   <li>Signatures Redis already marks seen are set aside (one {@code MGET}). With Redis down nothing can be set
 *       aside, so a redelivery may reach the log twice: each record's id is {@code helius:<signature>} and the archive
 *       keeps one row per id.</li>
 *   <li>The rest go to the log; a failure there throws and the caller answers 503.</li>
 *   <li>They are appended to Redis and marked seen in one atomic script, so Redis never holds a signature twice.
 *       With Redis down they wait in {@link PendingRedisWrites} (this instance's memory, retried by the next
 *       delivery that finds Redis up), and {@link DriftEventsCatchUp} replays the log into Redis regardless.</li>
 * </ol>
 */
@Singleton
public class HeliusWebhookService {
    private static final Logger LOG = LoggerFactory.getLogger(HeliusWebhookService.class);
    private final RedisStreams redis;
    private final DurableLog log;
    private final WebhookConfig config;
    private final WebhookCounters counters;
    private final PendingRedisWrites pending;
    private final Clock clock;

    public HeliusWebhookService(
            RedisStreams redis,
            DurableLog log,
            FunctionsConfig config,
            WebhookCounters counters,
            PendingRedisWrites pending,
            Clock clock) {
        this.redis = redis;
        this.log = log;
        this.config = config.webhook();
        this.counters = counters;
        this.pending = pending;
        this.clock = clock;
    }

    /** @throws perpwatch.core.kinesis.DurableLogUnavailableException when the log refuses the records */
    WebhookResult store(HeliusPayload payload) {
        long now = clock.millis();
        int duplicates = 0;
        int malformed = payload.malformed();
        List<LogRecord> unique = new ArrayList<>();
        Set<String> signatures = new HashSet<>();
        for (DriftTransaction tx : payload.drift()) {
            if (!signatures.add(tx.signature())) {
                duplicates++;
                continue;
            }
            LogRecord record = DriftEventRecords.logRecord(tx, now);
            try {
                KinesisRecordSink.checkSize(record);
            } catch (RecordTooLargeException e) {
                // No retry could ever store it; the rest of the delivery is kept.
                malformed++;
                LOG.warn("helius delivery: transaction {} skipped as malformed: {}", tx.signature(), e.getMessage());
                continue;
            }
            unique.add(record);
        }
        // Why Redis failed this delivery, if it did: then nothing more is asked of it (another timeout would only
        // delay Helius's answer).
        String redisFailure = null;
        List<LogRecord> fresh = unique;
        if (!unique.isEmpty()) {
            try {
                List<Boolean> seen = redis.seen(
                        DriftEventRecords.KEY,
                        unique.stream()
                                .map(r -> DriftEventRecords.seenKey(r.fields().get("signature")))
                                .toList());
                fresh = new ArrayList<>();
                for (int i = 0; i < unique.size(); i++) {
                    if (seen.get(i)) {
                        duplicates++;
                    } else {
                        fresh.add(unique.get(i));
                    }
                }
            } catch (StoreUnavailableException e) {
                redisFailure = e.getMessage();
                LOG.warn(
                        "helius delivery: Redis unreachable, cannot set redeliveries aside; logging all {} (the "
                                + "archive keeps one per "
                                + "signature): {}",
                        unique.size(),
                        e.getMessage());
            }
        }
        if (redisFailure == null && pending.size() > 0) {
            catchUpPending(now);
        }
        int accepted = 0;
        if (!fresh.isEmpty()) {
            log.append(fresh);
            List<RedisStreams.OnceEntry> entries = new ArrayList<>(fresh.size());
            fresh.forEach(r -> entries.add(DriftEventRecords.onceEntry(r).orElseThrow()));
            if (redisFailure == null) {
                try {
                    for (boolean appended : redis.appendOnce(DriftEventRecords.KEY, entries, config.dedupeTtl(), now)) {
                        if (appended) {
                            accepted++;
                        } else {
                            // Another instance stored it between our check and our write.
                            duplicates++;
                        }
                    }
                } catch (StoreUnavailableException e) {
                    redisFailure = e.getMessage();
                }
            }
            if (redisFailure != null && !log.durable()) {
                // Without a durable log, Redis is the only store: a 200 now would leave the events in this instance's
                // memory alone. A 503 makes Helius redeliver once Redis is back.
                throw new StoreUnavailableException(
                        "redis unreachable and no durable log (PERPWATCH_DURABLE_LOG=off): " + redisFailure, null);
            }
            if (redisFailure != null) {
                // The log holds them: the delivery is safe, so Helius gets its 200. Redis gets them later.
                pending.add(entries);
                accepted += entries.size();
                counters.add("redis_deferred", entries.size());
                LOG.warn(
                        "helius delivery: {} Drift event(s) logged but not in Redis (unreachable: {}); {} wait for "
                                + "Redis in this instance, "
                                + "and the log catch-up replays them",
                        entries.size(),
                        redisFailure,
                        pending.size());
            }
        }
        counters.add("accepted", accepted);
        counters.add("duplicates", duplicates);
        counters.add("non_drift", payload.nonDrift());
        counters.add("malformed", malformed);
        if (malformed > 0) {
            LOG.warn("helius delivery: {} malformed transaction(s) skipped, {} accepted", malformed, accepted);
        }
        return new WebhookResult("ok", accepted, duplicates, payload.nonDrift(), malformed);
    }

    private void catchUpPending(long now) {
        try {
            PendingRedisWrites.Flushed flushed = pending.flush(redis, config.dedupeTtl(), now);
            counters.add("redis_caught_up", flushed.appended());
        } catch (StoreUnavailableException e) {
            LOG.warn(
                    "helius: Redis failed again while catching up; {} Drift event(s) still wait: {}",
                    pending.size(),
                    e.getMessage());
        }
    }
}
