package perpwatch.bench.load;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.model.Liquidation;
import perpwatch.core.model.LiquidationCodec;
import perpwatch.core.model.PositionSide;
import perpwatch.core.model.PriceTick;
import perpwatch.core.model.PriceTickCodec;
import perpwatch.core.stream.StreamKeys;

/**
 * A week of liquidations written straight into the stream with explicit ids (pipelined XADD, 2,000 per flush), as
 * the liquidations task would have written them: the price walks randomly around 200, each liquidation lands within
 * a few percent of it on a 0.01 tick, ids spread evenly over the week, venue time just before the id. The last price
 * goes to the price stream, so the heatmap has its reference.
 */
final class LiquidationWeek {
    private static final String[] VENUES = {"binance", "okx", "bybit"};
    private static final int BATCH = 2_000;

    private LiquidationWeek() {}

    /** Returns the reference price written. */
    static BigDecimal write(String redisUrl, Instrument instrument, int count, long nowMs) {
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.setAutoFlushCommands(false);
            RedisAsyncCommands<String, String> redis = connection.async();
            SplittableRandom random = new SplittableRandom(22);
            long span = Duration.ofDays(7).minusMinutes(10).toMillis();
            long first = nowMs - span;
            double mid = 200;
            List<RedisFuture<?>> pending = new ArrayList<>(BATCH);
            for (int i = 0; i < count; i++) {
                long id = first + span * i / count;
                mid = Math.max(50, mid * (1 + random.nextGaussian() * 0.0005));
                BigDecimal price = BigDecimal.valueOf(mid * (1 + random.nextGaussian() * 0.015))
                        .setScale(2, RoundingMode.HALF_EVEN);
                BigDecimal qty = BigDecimal.valueOf(1 + random.nextInt(500), 1);
                Liquidation l = new Liquidation(
                        VENUES[i % VENUES.length],
                        "SOLUSDT",
                        random.nextBoolean() ? PositionSide.LONG : PositionSide.SHORT,
                        price,
                        qty,
                        price.multiply(qty),
                        id - random.nextInt(500),
                        id - 1);
                pending.add(redis.xadd(
                        StreamKeys.liquidations(instrument).name(),
                        new XAddArgs().id(id + "-" + i),
                        LiquidationCodec.INSTANCE.encode(l)));
                if (pending.size() == BATCH) {
                    flush(connection, pending);
                }
            }
            BigDecimal reference = BigDecimal.valueOf(mid).setScale(2, RoundingMode.HALF_EVEN);
            pending.add(redis.xadd(
                    StreamKeys.price(instrument).name(),
                    PriceTickCodec.INSTANCE.encode(new PriceTick(reference, nowMs, nowMs))));
            flush(connection, pending);
            return reference;
        } finally {
            client.shutdown();
        }
    }

    private static void flush(StatefulRedisConnection<String, String> connection, List<RedisFuture<?>> pending) {
        connection.flushCommands();
        if (!LettuceFutures.awaitAll(60, TimeUnit.SECONDS, pending.toArray(new RedisFuture<?>[0]))) {
            throw new IllegalStateException("Redis did not take the generated week within 60 s");
        }
        pending.clear();
    }
}
