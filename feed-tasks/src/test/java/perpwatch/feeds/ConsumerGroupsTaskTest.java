package perpwatch.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import perpwatch.core.config.Env;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.redis.ConsumerGroups;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.stream.StreamKeys;
import perpwatch.core.testing.TestRedis;

/** Every feed task creates the consumer groups on the market streams it writes, also when Redis comes up late. */
class ConsumerGroupsTaskTest {
    static final Instrument SOL = Instrument.sol();

    static void awaitDone(ConsumerGroupsTask task) throws InterruptedException {
        // Waits for the state, not for a time: the test's own limit (surefire) is the only clock.
        while (!task.done()) {
            Thread.sleep(20);
        }
    }

    @Test
    void eachTaskNamesTheMarketStreamsItWrites() {
        assertEquals(
                List.of(StreamKeys.funding(SOL), StreamKeys.fundingSettled(SOL)),
                FeedTasks.marketStreams("bybit-funding", SOL));
        assertEquals(
                List.of(StreamKeys.usdcTrades(SOL), StreamKeys.okxUsdtTrades(SOL)),
                FeedTasks.marketStreams("okx-usdc", SOL));
        assertEquals(List.of(), FeedTasks.marketStreams("drift-liq-map", SOL));
        for (String task : FeedTasks.names()) {
            FeedTasks.marketStreams(task, SOL); // every task has an entry
        }
    }

    @Test
    void theBybitFundingTaskCreatesItsGroupsAtStart() throws Exception {
        try (TestRedis redis = TestRedis.start();
                RedisStreams streams = new RedisStreams(redis.config())) {
            List<FeedTask> tasks = FeedTasks.create(
                    "bybit-funding",
                    FeedConfig.fromEnv(
                            Env.of(Map.of("PERPWATCH_REDIS_URL", redis.url(), "PERPWATCH_DURABLE_LOG", "off"))),
                    streams);
            ConsumerGroupsTask groups = (ConsumerGroupsTask) tasks.stream()
                    .filter(t -> t instanceof ConsumerGroupsTask)
                    .findFirst()
                    .orElseThrow();
            groups.start(); // only the groups: the poller would call Bybit
            awaitDone(groups);
            assertEquals(6, groups.counters().get("groups_created"));
            assertEquals(
                    0,
                    ConsumerGroups.ensure(streams, FeedTasks.marketStreams("bybit-funding", SOL)),
                    "all six exist now");
            tasks.forEach(FeedTask::close);
        }
    }

    @Test
    void redisDownAtStartIsRetriedUntilTheGroupsExist() throws Exception {
        try (TestRedis redis = TestRedis.start();
                RedisStreams streams = new RedisStreams(redis.config())) {
            redis.stop();
            List<StreamKey> keys = List.of(StreamKeys.book(SOL));
            ConsumerGroupsTask task = new ConsumerGroupsTask("binance-book:SOL", streams, keys, Duration.ofMillis(50));
            task.start();
            while (task.counters().getOrDefault("redis_unavailable", 0L) == 0) {
                Thread.sleep(20);
            }
            assertFalse(task.done());
            redis.startServer();
            awaitDone(task);
            assertTrue(task.counters().get("redis_unavailable") >= 1);
            assertEquals(0, ConsumerGroups.ensure(streams, keys));
            task.close();
        }
    }
}
