package perpwatch.feeds;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.redis.ConsumerGroups;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.redis.StoreUnavailableException;
import perpwatch.core.stream.ConsumerGroup;
import perpwatch.core.stream.StreamKey;
import perpwatch.feeds.concurrent.DaemonThreads;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.metrics.StoreCounter;

/**
 * Runs beside a feed task and creates the {@link ConsumerGroup}s on the streams it writes, once, at start. Redis may
 * be down when the task starts (the writers buffer meanwhile): then it tries again every {@code retryEvery} until
 * one pass succeeds. A pass over existing groups changes nothing, so restarts are harmless.
 */
public final class ConsumerGroupsTask implements FeedTask {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerGroupsTask.class);

    private final String name;
    private final RedisStreams redis;
    private final List<StreamKey> streams;
    private final Duration retryEvery;
    private final FeedCounters counters = new FeedCounters();
    private final ScheduledExecutorService timer;
    private volatile boolean done;

    public ConsumerGroupsTask(String owner, RedisStreams redis, List<StreamKey> streams, Duration retryEvery) {
        this.name = "consumer-groups:" + owner;
        this.redis = redis;
        this.streams = List.copyOf(streams);
        this.retryEvery = retryEvery;
        this.timer = DaemonThreads.singleScheduler(name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start() {
        timer.execute(this::attempt);
    }

    /** True once every group exists on every stream. */
    public boolean done() {
        return done;
    }

    private void attempt() {
        try {
            int created = ConsumerGroups.ensure(redis, streams);
            counters.add(StoreCounter.GROUPS_CREATED, created);
            done = true;
            LOG.info(
                    "[{}] consumer groups in place on {} ({} created now)",
                    name,
                    streams.stream().map(StreamKey::name).toList(),
                    created);
            timer.shutdown();
        } catch (StoreUnavailableException e) {
            counters.increment(StoreCounter.REDIS_UNAVAILABLE);
            LOG.warn(
                    "[{}] cannot create consumer groups yet, retrying in {} s: {}",
                    name,
                    retryEvery.toSeconds(),
                    e.getMessage());
            timer.schedule(this::attempt, retryEvery.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            counters.increment(StoreCounter.ERRORS);
            LOG.error("[{}] creating consumer groups failed, retrying in {} s", name, retryEvery.toSeconds(), e);
            timer.schedule(this::attempt, retryEvery.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public Map<String, Long> counters() {
        return counters.snapshot();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
