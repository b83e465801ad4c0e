package perpwatch.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import perpwatch.core.config.Env;
import perpwatch.core.instrument.InstrumentRegistry;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamKeys;
import perpwatch.core.testing.TestRedis;
import perpwatch.feeds.subscription.FeedLinkReporter;
import perpwatch.feeds.subscription.SubscribedLinks;

/**
 * A venue an instrument does not list is not run for it: SOL on every venue, BTC on Binance and Bybit, ETH on Binance.
 * Each task is built only for the instruments that list one of its venues, and reads only the venues they list.
 */
class FeedTasksInstrumentsTest {
    static final String INSTRUMENTS = "[{\"canonical\":\"SOL\",\"binance\":\"SOLUSDT\",\"okx_usdt\":\"SOL-USDT-SWAP\","
            + "\"okx_usdc\":\"SOL-USDC-SWAP\",\"bybit\":\"SOLUSDT\","
            + "\"velocity\":{\"symbol\":\"SOL-PERP\",\"market_index\":0}},"
            + "{\"canonical\":\"BTC\",\"binance\":\"BTCUSDT\",\"bybit\":\"BTCUSDT\"},"
            + "{\"canonical\":\"ETH\",\"binance\":\"ETHUSDT\"}]";

    @Test
    void eachTaskRunsForTheInstrumentsThatListItsVenues() throws Exception {
        try (TestRedis redis = TestRedis.start();
                RedisStreams streams = new RedisStreams(redis.config())) {
            FeedConfig config = FeedConfig.fromEnv(Env.of(Map.of(
                    "PERPWATCH_REDIS_URL",
                    redis.url(),
                    "PERPWATCH_DURABLE_LOG",
                    "off",
                    InstrumentRegistry.ENV,
                    INSTRUMENTS)));
            Map<String, List<String>> workers = new LinkedHashMap<>();
            Map<String, List<String>> liquidationLinks = new LinkedHashMap<>();
            for (String name : FeedTasks.names()) {
                List<FeedTask> tasks = FeedTasks.create(name, config, streams);
                List<String> built = new ArrayList<>();
                for (FeedTask task : tasks) {
                    if (task instanceof ConsumerGroupsTask || task instanceof FeedLinkReporter) {
                        continue;
                    }
                    built.add(task.name());
                    if (name.equals("liquidations")) {
                        liquidationLinks.put(
                                task.name(),
                                ((SubscribedLinks) task)
                                        .links().stream()
                                                .map(l -> l.link().venue())
                                                .toList());
                    }
                }
                workers.put(name, built);
                tasks.forEach(FeedTask::close);
            }
            assertEquals(
                    List.of("binance-trades:SOL", "binance-trades:BTC", "binance-trades:ETH"),
                    workers.get("binance-trades"));
            assertEquals(
                    List.of("binance-book:SOL", "binance-book:BTC", "binance-book:ETH"), workers.get("binance-book"));
            assertEquals(List.of("okx-usdc:SOL"), workers.get("okx-usdc"));
            assertEquals(List.of("bybit-funding:SOL", "bybit-funding:BTC"), workers.get("bybit-funding"));
            assertEquals(List.of("drift-liq-map"), workers.get("drift-liq-map"), "velocity lists SOL only");
            assertEquals(
                    Map.of(
                            "liquidations:SOL", List.of("binance", "okx", "bybit"),
                            "liquidations:BTC", List.of("binance", "bybit"),
                            "liquidations:ETH", List.of("binance")),
                    liquidationLinks,
                    "one connection per listed venue, and no heartbeat expected from the others");
        }
    }

    @Test
    void theOkxTaskWritesOnlyTheSwapsListed() {
        var registry = InstrumentRegistry.fromEnv(
                Env.of(Map.of(InstrumentRegistry.ENV, "[{\"canonical\":\"BTC\",\"okx_usdt\":\"BTC-USDT-SWAP\"}]")));
        var btc = registry.require("BTC");
        assertTrue(FeedTasks.runsFor("okx-usdc", btc));
        assertFalse(FeedTasks.runsFor("binance-trades", btc));
        assertEquals(List.of(StreamKeys.okxUsdtTrades(btc)), FeedTasks.marketStreams("okx-usdc", btc));
    }
}
