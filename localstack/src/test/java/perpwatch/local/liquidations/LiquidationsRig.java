package perpwatch.local.liquidations;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import perpwatch.core.config.Env;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.testing.TestRedis;
import perpwatch.feeds.FeedConfig;
import perpwatch.feeds.FeedTask;
import perpwatch.feeds.FeedTasks;
import perpwatch.feeds.liquidations.LiquidationsWorker;
import perpwatch.local.sim.Simulators;
import perpwatch.local.sim.okx.OkxWire;

/** The liquidations task as configured in production, pointed at the three venue simulators and a real Redis. */
final class LiquidationsRig implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final TestRedis redis;
    final RedisStreams streams;
    final Simulators sims;
    final List<FeedTask> tasks;
    final LiquidationsWorker worker;

    private LiquidationsRig(TestRedis redis, RedisStreams streams, Simulators sims, List<FeedTask> tasks) {
        this.redis = redis;
        this.streams = streams;
        this.sims = sims;
        this.tasks = tasks;
        this.worker = (LiquidationsWorker) tasks.get(0);
    }

    /** Starts Redis and the simulators, lets {@code beforeStart} set the simulators up, then starts the task. */
    static LiquidationsRig start(java.util.function.Consumer<Simulators> beforeStart) throws Exception {
        TestRedis redis = TestRedis.start();
        RedisStreams streams = new RedisStreams(redis.config());
        Simulators sims = Simulators.start();
        // The simulated venue's contracts: 1 SOL per USDT-swap contract, 0.1 SOL per USDC-swap contract, so the
        // conversion is visible in the numbers.
        sims.okx().instrument((ObjectNode) JSON.readTree(OkxWire.linearSwap("SOL-USDT-SWAP", "1", "USDT")));
        sims.okx().instrument((ObjectNode) JSON.readTree(OkxWire.linearSwap("SOL-USDC-SWAP", "0.1", "USDC")));
        beforeStart.accept(sims);
        Map<String, String> env = new HashMap<>(sims.feedOverrides());
        env.put("PERPWATCH_REDIS_URL", redis.url());
        env.put("PERPWATCH_DURABLE_LOG", "off");
        env.put("PERPWATCH_WS_BACKOFF_INITIAL", "20ms");
        env.put("PERPWATCH_WS_BACKOFF_MAX", "200ms");
        // A connection the simulator stops serving is replaced within seconds, not the production half-minute.
        env.put("PERPWATCH_WS_SILENCE", "3s");
        List<FeedTask> tasks = FeedTasks.create("liquidations", FeedConfig.fromEnv(Env.of(env)), streams);
        // The worker and, beside it, the reporter of its links' status.
        tasks.forEach(FeedTask::start);
        return new LiquidationsRig(redis, streams, sims, tasks);
    }

    @Override
    public void close() {
        tasks.forEach(FeedTask::close);
        sims.close();
        streams.close();
        redis.close();
    }
}
