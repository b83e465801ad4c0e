package perpwatch.feeds.onchain.scan;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.feeds.FeedTask;
import perpwatch.feeds.concurrent.DaemonThreads;

/**
 * {@code drift-liq-map} while the Solana RPC URL is the placeholder or unusable: it says so once, scans nothing and
 * stays up. Exiting instead would make ECS restart the container in a loop (the value comes from a secret, which only
 * a new task reads) and, on a first deploy, roll the feeds stack back. Every other task in the process runs as usual.
 *
 * <p>It counts a check each {@link #CHECK_EVERY}: the container's liveness file wants progress from every task, and
 * an idle task by design is alive, not wedged.
 */
public final class RpcNotConfiguredTask implements FeedTask {
    static final Duration CHECK_EVERY = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(RpcNotConfiguredTask.class);

    private final String reason;
    private final ScheduledExecutorService thread = DaemonThreads.singleScheduler("drift-liq-map-idle");
    private final AtomicLong checks = new AtomicLong();

    public RpcNotConfiguredTask(String reason) {
        this.reason = reason;
    }

    @Override
    public String name() {
        return "drift-liq-map";
    }

    @Override
    public void start() {
        LOG.error(
                "drift-liq-map not configured: {}. No scan runs and no map is published; the other tasks are "
                        + "unaffected. Put the provider's URL in the solana-rpc-url secret and restart the task "
                        + "(feedctl restart drift-liq-map).",
                reason);
        thread.scheduleAtFixedRate(
                checks::incrementAndGet, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("rpc_not_configured", 1L);
        c.put("not_configured_checks", checks.get());
        c.put("scans", 0L);
        return c;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
