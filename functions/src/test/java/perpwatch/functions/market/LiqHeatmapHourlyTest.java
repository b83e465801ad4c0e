package perpwatch.functions.market;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.model.Liquidation;
import perpwatch.core.model.LiquidationCodec;
import perpwatch.core.model.PositionSide;
import perpwatch.core.model.PriceTick;
import perpwatch.core.model.PriceTickCodec;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamKeys;
import perpwatch.core.testing.TestRedis;
import perpwatch.functions.StreamSeeder;
import perpwatch.functions.TestApi;
import perpwatch.functions.market.LiqHeatmapService.Source;

/** The heatmap over more than 24 h from hourly aggregates is the heatmap from raw entries, on real Redis. */
class LiqHeatmapHourlyTest {
    static final long NOW = MarketHistoryEndpointTest.NOW;
    static final long HOUR = 3_600_000L;
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instrument SOL = Instrument.sol();

    TestRedis redis;
    StreamSeeder seeder;

    record Seeded(long idMs, Map<String, String> fields) {}

    @BeforeEach
    void start() {
        redis = TestRedis.start();
        seeder = new StreamSeeder(redis.url());
        seeder.add(
                StreamKeys.price(SOL),
                PriceTickCodec.INSTANCE,
                new PriceTick(new BigDecimal("200"), NOW - 300, NOW - 290),
                NOW - 280);
        List<Seeded> entries = new ArrayList<>();
        // 900 liquidations over the last 170 h, written half a second after their venue time; every 9th is a backlog
        // entry written 3 h late (a feed flushing after an outage). Prices sit at least 0.1 from a 0.4-wide bin's
        // edges around the reference 200, so the fine grid's error (0.005 % ≈ 0.01) cannot move one: the maps must
        // be equal. Every 50th lies outside the band and is pinned to an edge bin.
        for (int i = 0; i < 900; i++) {
            long ts = NOW - 170 * HOUR + i * (170 * HOUR / 900) + 17;
            BigDecimal price = i % 50 == 0
                    ? new BigDecimal(i % 100 == 0 ? "180.5" : "215.25")
                    : new BigDecimal("190.2")
                            .add(new BigDecimal("0.4").multiply(BigDecimal.valueOf(i % 50)))
                            .add(BigDecimal.valueOf((i * 37) % 19 - 9, 2));
            BigDecimal qty = BigDecimal.valueOf(i % 7 + 1, 1);
            PositionSide side = i % 3 == 0 ? PositionSide.SHORT : PositionSide.LONG;
            long id = i % 9 == 0 ? ts + 3 * HOUR : ts + 500;
            if (id < NOW) {
                entries.add(new Seeded(id, LiquidationCodec.INSTANCE.encode(liquidation(ts, price, qty, side))));
            }
        }
        // Unreadable entries: one in a closed hour, one in the open hour; both must be counted in the warnings.
        entries.add(new Seeded(NOW - 10 * HOUR + 123, Map.of("venue", "binance", "price", "garbage")));
        entries.add(new Seeded(NOW - 90_000, Map.of("venue", "bybit", "ts", "soon")));
        // The open hour: written after the last closed hour ended.
        entries.add(new Seeded(
                NOW - 10 * 60_000 + 200,
                LiquidationCodec.INSTANCE.encode(liquidation(
                        NOW - 10 * 60_000, new BigDecimal("205.0"), new BigDecimal("7"), PositionSide.LONG))));
        entries.sort(Comparator.comparingLong(Seeded::idMs));
        for (Seeded e : entries) {
            seeder.add(StreamKeys.liquidations(SOL), e.fields(), e.idMs());
        }
    }

    @AfterEach
    void stop() {
        seeder.close();
        redis.close();
    }

    static Liquidation liquidation(long ts, BigDecimal price, BigDecimal qty, PositionSide side) {
        return new Liquidation("binance", "SOLUSDT", side, price, qty, price.multiply(qty), ts, ts + 5);
    }

    @Test
    void aggregatedHoursGiveTheRawMapWithTheOpenHourAndUnreadableEntriesCounted() throws Exception {
        try (ApplicationContext context = TestApi.context(redis.url(), NOW)) {
            LiqHeatmapService service = context.getBean(LiqHeatmapService.class);
            RedisStreams streams = context.getBean(RedisStreams.class);
            long openFrom = LiqHourlyAggregates.openFrom(NOW);
            // 25 and 30 h: time bins of 125 and 150 minutes, not whole hours; 168 h: the week.
            for (int hours : new int[] {25, 30, 48, 168}) {
                String raw = JSON.writeValueAsString(service.heatmap(SOL, hours, Source.RAW));
                LiqHeatmap built = service.heatmap(SOL, hours);
                assertEquals(raw, JSON.writeValueAsString(built), hours + " h, aggregates built");
                assertEquals(
                        raw,
                        JSON.writeValueAsString(service.heatmap(SOL, hours, Source.HOURLY)),
                        hours + " h, aggregates read back");
                assertTrue(
                        built.warnings().contains("2 unreadable liquidation entries skipped"),
                        built.warnings().toString());
            }
            assertTrue(
                    streams.get(LiqHourlyAggregates.key(SOL, openFrom - HOUR)).isPresent(), "closed: stored");
            assertTrue(streams.get(LiqHourlyAggregates.key(SOL, openFrom)).isEmpty(), "open: never aggregated");

            // The open hour's liquidation (7 SOL at 205.0, price bin 37) is in the newest time bin.
            LiqHeatmap week = service.heatmap(SOL, 168);
            assertTrue(
                    week.cells().stream()
                            .anyMatch(c -> c.timeBin() == LiqHeatmapService.TIME_BINS - 1
                                    && c.priceBin() == 37
                                    && c.totalSize().compareTo(new BigDecimal("7")) >= 0),
                    "the open hour is read raw");
        }
    }

    @Test
    void anUnreadableAggregateIsRebuiltNeverReadAsEmpty() throws Exception {
        try (ApplicationContext context = TestApi.context(redis.url(), NOW)) {
            LiqHeatmapService service = context.getBean(LiqHeatmapService.class);
            RedisStreams streams = context.getBean(RedisStreams.class);
            String raw = JSON.writeValueAsString(service.heatmap(SOL, 48, Source.RAW));
            service.heatmap(SOL, 48);
            long hour = LiqHourlyAggregates.openFrom(NOW) - 5 * HOUR;
            String key = LiqHourlyAggregates.key(SOL, hour);
            String good = streams.get(key).orElseThrow();
            assertTrue(good.lines().count() > 1, "the hour has liquidations");
            streams.putExpiring(key, "v1 " + hour + "\ng 1 2 sideways 1 1 1\n", Duration.ofHours(1));
            assertEquals(raw, JSON.writeValueAsString(service.heatmap(SOL, 48)));
            assertEquals(good, streams.get(key).orElseThrow(), "rebuilt from the raw entries, the same as before");
        }
    }
}
