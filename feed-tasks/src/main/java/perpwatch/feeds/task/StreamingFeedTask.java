package perpwatch.feeds.task;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.redis.BufferedStreamWriter;
import perpwatch.core.stream.FeedLink;
import perpwatch.feeds.FeedTask;
import perpwatch.feeds.concurrent.DaemonThreads;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.subscription.SubscribedLinks;
import perpwatch.feeds.subscription.WatchedLink;
import perpwatch.feeds.ws.ReconnectPolicy;

/**
 * The skeleton of a feed task that holds venue WebSocket links: its name, counters and injected clock, its writer
 * (Redis, and the durable log when it is on), its venue links ({@link FeedLoop}), the tick that publishes what is due
 * and flushes the writer, the stats line once a minute, the health counters, and shutdown. A task supplies its links
 * ({@link #connect}) and what a tick publishes ({@link #onTick}); a venue supplies a {@link VenueStream}.
 *
 * <p>Start-up runs on a thread of its own: {@link #prepare()} may block (restoring state from Redis), and nothing
 * ticks or connects until it succeeded.
 */
public abstract class StreamingFeedTask implements FeedTask, SubscribedLinks {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingFeedTask.class);
    private static final Duration STATS_EVERY = Duration.ofMinutes(1);

    protected final String name;
    protected final FeedCounters counters = new FeedCounters();
    protected final BufferedStreamWriter writer;
    protected final LongSupplier clock;
    private final long tickMs;
    private final ScheduledExecutorService ticker;
    private final List<FeedLoop<?>> loops = new ArrayList<>();
    private volatile boolean running;
    private Thread starter;
    private long lastStatsAt;

    protected StreamingFeedTask(String name, BufferedStreamWriter writer, LongSupplier clock, Duration tickEvery) {
        this.name = name;
        this.writer = writer;
        this.clock = clock;
        this.tickMs = tickEvery.toMillis();
        this.ticker = DaemonThreads.singleScheduler(name + "-tick");
    }

    /** Adds a venue link that counts in this task's counters; it connects when the task starts. */
    protected final <F> FeedLoop<F> connect(FeedLink link, URI uri, ReconnectPolicy policy, VenueStream<F> venue) {
        return connect(name, link, uri, policy, counters, venue);
    }

    /** Adds a venue link with a name and counters of its own (a task with one link per venue). */
    protected final <F> FeedLoop<F> connect(
            String loopName,
            FeedLink link,
            URI uri,
            ReconnectPolicy policy,
            FeedCounters loopCounters,
            VenueStream<F> venue) {
        FeedLoop<F> loop = new FeedLoop<>(loopName, link, uri, policy, loopCounters, venue);
        loops.add(loop);
        return loop;
    }

    /** Blocks until the task can run (state restored from Redis…); false: do not start (interrupted). */
    protected boolean prepare() {
        return true;
    }

    /** After {@link #prepare()} and the first tick is scheduled, before the links connect: start helpers here. */
    protected void started() {}

    /** Publishes what is due at {@code now}; the writer is flushed after it. Runs on the tick thread. */
    protected abstract void onTick(long now);

    /** Adds the task's own figures to its health counters; by default each link's connection counters. */
    protected void describe(Map<String, Long> all) {
        loops.forEach(loop -> loop.stats().describe(all));
    }

    /** Stops the task's helpers (backfill, snapshot fetcher) after the links closed, before the writer closes. */
    protected void closing() {}

    /** False once {@link #close()} began: blocking start-up steps stop waiting. */
    protected final boolean running() {
        return running;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void start() {
        running = true;
        starter = new Thread(
                () -> {
                    if (prepare()) {
                        lastStatsAt = clock.getAsLong();
                        ticker.scheduleWithFixedDelay(this::tickSafely, tickMs, tickMs, TimeUnit.MILLISECONDS);
                        started();
                        loops.forEach(FeedLoop::start);
                    }
                },
                name + "-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.error("[{}] tick failed", name, e);
        }
    }

    /** One tick: what is due, then the writer's retries, then the stats line when a minute has passed. */
    protected final void tick() {
        long now = clock.getAsLong();
        onTick(now);
        writer.flush();
        if (now - lastStatsAt >= STATS_EVERY.toMillis()) {
            lastStatsAt = now;
            LOG.info("[{}] {} redis_backlog={}", name, counters(), writer.backlog());
        }
    }

    @Override
    public final Map<String, Long> counters() {
        Map<String, Long> all = new TreeMap<>(counters.snapshot());
        describe(all);
        writer.describe(all);
        return all;
    }

    @Override
    public final List<WatchedLink> links() {
        return loops.stream().map(FeedLoop::watched).toList();
    }

    @Override
    public final void close() {
        running = false;
        if (starter != null) {
            starter.interrupt();
        }
        loops.forEach(FeedLoop::close);
        ticker.shutdownNow();
        closing();
        synchronized (this) {
            // Whatever is still owed to Redis gets one last chance.
            writer.close();
        }
    }
}
