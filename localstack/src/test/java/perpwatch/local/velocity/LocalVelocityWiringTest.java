package perpwatch.local.velocity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import perpwatch.core.config.Env;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.redis.RedisConfig;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamKeys;
import perpwatch.core.testing.TestRedis;
import perpwatch.feeds.FeedConfig;
import perpwatch.feeds.FeedTask;
import perpwatch.feeds.FeedTasks;
import perpwatch.local.sim.Simulators;

/**
 * What {@code ./perpwatch local} does for Velocity: the simulators start with the others, their base URLs are the
 * feed configuration, and the velocity-market task built from that configuration writes SOL-PERP's book, funding and
 * oracle (read from the local Solana node the liquidation map scans).
 */
class LocalVelocityWiringTest {
    @Test
    void theVelocityMarketTaskRunsAgainstTheSimulatorsFromConfigurationAlone() throws Exception {
        try (TestRedis redis = TestRedis.start();
                RedisStreams streams = new RedisStreams(redis.config());
                Simulators sims = Simulators.start()) {
            Map<String, String> env = new HashMap<>(sims.feedOverrides());
            env.put(RedisConfig.URL_ENV, redis.url());
            FeedConfig config = FeedConfig.fromEnv(Env.of(env));
            assertEquals(
                    sims.velocity().dlob().wsUrl(), config.velocity().dlobWs().toString());
            List<FeedTask> tasks = FeedTasks.create("velocity-market", config, streams);
            try {
                tasks.forEach(FeedTask::start);
                waitFor(() ->
                        streams.last(StreamKeys.velocityBook(Instrument.sol())).isPresent()
                                && streams.last(StreamKeys.velocityFunding(Instrument.sol()))
                                        .isPresent()
                                && streams.last(StreamKeys.velocityOracle(Instrument.sol()))
                                        .isPresent());
                assertTrue(tasks.get(0).counters().getOrDefault("published", 0L) >= 1);
            } finally {
                tasks.forEach(FeedTask::close);
            }
        }
    }

    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(5);
        }
    }
}
