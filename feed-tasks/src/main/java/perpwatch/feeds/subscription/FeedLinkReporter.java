package perpwatch.feeds.subscription;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.redis.StoreUnavailableException;
import perpwatch.core.stream.FeedLink;
import perpwatch.core.stream.StreamKeys;
import perpwatch.feeds.FeedTask;
import perpwatch.feeds.concurrent.DaemonThreads;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.metrics.StoreCounter;

/**
 * Publishes the status of a task's WebSocket links on {@code feed:<task>:<sym>:<venue>} for {@code /api/health}:
 * {@code subscribed} only while the venue acknowledged the subscription on the current connection and the link
 * answered within its silence budget, {@code refused} while the venue's last answer was a refusal, else
 * {@code unsubscribed}. Keys expire one silence budget plus 5 s after the last write, so a dead task's links vanish.
 * It runs beside its task (its own timer), so no worker needs to know about Redis keys for health.
 */
public final class FeedLinkReporter implements FeedTask {
    private static final Logger LOG = LoggerFactory.getLogger(FeedLinkReporter.class);
    private static final long EVERY_MS = 2_000;

    private final String name;
    private final RedisStreams redis;
    private final Instrument instrument;
    private final List<WatchedLink> links;
    private final Duration silenceBudget;
    private final Duration ttl;
    private final FeedCounters counters = new FeedCounters();
    private final ScheduledExecutorService timer;

    public FeedLinkReporter(
            String owner, RedisStreams redis, Instrument instrument, List<WatchedLink> links, Duration silenceBudget) {
        this.name = "feed-links:" + owner;
        this.redis = redis;
        this.instrument = instrument;
        this.links = List.copyOf(links);
        this.silenceBudget = silenceBudget;
        this.ttl = silenceBudget.plusSeconds(5);
        this.timer = DaemonThreads.singleScheduler(name);
    }

    /** The rule, in one place: subscribed and answering, or refused, or neither. */
    public static FeedLink.State stateOf(WatchedLink link, long nowMs, Duration silenceBudget) {
        SubscriptionTracker s = link.subscription();
        if (s.subscribedAndAnswering(link.lastHeardAt().get(), nowMs, silenceBudget)) {
            return FeedLink.State.SUBSCRIBED;
        }
        if (s.state() == SubscriptionState.REFUSED || s.lastRefusal().isPresent()) {
            return FeedLink.State.REFUSED;
        }
        return FeedLink.State.UNSUBSCRIBED;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start() {
        timer.scheduleWithFixedDelay(this::publishSafely, 0, EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /** Writes every link's status now; Redis down: skipped (the keys lapse, which reads as not subscribed). */
    void publish() {
        long now = System.currentTimeMillis();
        for (WatchedLink link : links) {
            FeedLink.Status status = new FeedLink.Status(stateOf(link, now, silenceBudget), now);
            try {
                redis.putExpiring(StreamKeys.feedLink(instrument, link.link()), status.encode(), ttl);
                counters.increment(StoreCounter.PUBLISHED);
            } catch (StoreUnavailableException e) {
                counters.increment(StoreCounter.REDIS_UNAVAILABLE);
                return;
            }
        }
    }

    private void publishSafely() {
        try {
            publish();
        } catch (RuntimeException e) {
            LOG.error("[{}] publishing link status failed", name, e);
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
