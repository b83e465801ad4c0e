package perpwatch.feeds;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.config.Env;
import perpwatch.core.config.Redactor;
import perpwatch.core.config.SecretsManagerSource;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.redis.RedisTokenReader;
import perpwatch.feeds.concurrent.DaemonThreads;
import perpwatch.feeds.pulse.FeedPulse;
import perpwatch.feeds.pulse.PulseConfig;
import perpwatch.feeds.pulse.WriteTally;

/** The feed-tasks container entry point: {@code java -jar feed-tasks.jar --task=binance-trades [--task=…]}. */
public final class FeedTasksMain {
    private static final Logger LOG = LoggerFactory.getLogger(FeedTasksMain.class);

    private FeedTasksMain() {}

    public static void main(String[] args) throws InterruptedException {
        List<String> names = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--task=")) {
                names.add(arg.substring("--task=".length()));
            } else {
                System.err.println("usage: --task=NAME [--task=NAME…]; tasks: " + FeedTasks.names());
                System.exit(2);
            }
        }
        if (names.isEmpty()) {
            names.add(Env.system().string("PERPWATCH_TASK", null));
            if (names.get(0) == null) {
                System.err.println(
                        "no task given: pass --task=NAME or set PERPWATCH_TASK; tasks: " + FeedTasks.names());
                System.exit(2);
            }
        }
        // ECS injects PERPWATCH_REDIS_AUTH itself; a *_SECRET_ARN variable works too (runs outside ECS).
        SecretsManagerSource secrets = SecretsManagerSource.fromEnv(Env.system());
        FeedConfig config = FeedConfig.fromEnv(Env.system().withSecrets(secrets));
        RedisStreams redis =
                new RedisStreams(config.redis(), RedisTokenReader.of(Env.system(), secrets, config.redis()));
        List<FeedTask> tasks = new ArrayList<>();
        List<FeedPulse.Watched> watched = new ArrayList<>();
        for (String name : names) {
            WriteTally tally = new WriteTally();
            List<FeedTask> created = FeedTasks.create(name, config, redis, tally);
            tasks.addAll(created);
            watched.add(new FeedPulse.Watched(name, created, tally));
        }
        PulseConfig pulseConfig = PulseConfig.fromEnv(Env.system());
        FeedPulse pulse = new FeedPulse(watched, pulseConfig, System.out, System::currentTimeMillis);
        ScheduledExecutorService pulseTimer = DaemonThreads.singleScheduler("feed-pulse");
        long every = pulseConfig.interval().toMillis();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            LOG.info("shutting down {} task(s)", tasks.size());
                            pulseTimer.shutdownNow();
                            tasks.forEach(FeedTask::close);
                            redis.close();
                            stopped.countDown();
                        },
                        "shutdown"));
        tasks.forEach(FeedTask::start);
        // The first tick marks the start: the health check's start period covers the time before it.
        pulse.tick();
        pulseTimer.scheduleAtFixedRate(
                () -> {
                    try {
                        pulse.tick();
                    } catch (RuntimeException e) {
                        LOG.error("feed pulse failed", e);
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
        LOG.info(
                "started {} writing to {}",
                tasks.stream().map(FeedTask::name).toList(),
                Redactor.redact(config.redis().url()));
        stopped.await();
    }
}
