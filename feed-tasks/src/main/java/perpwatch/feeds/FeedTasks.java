package perpwatch.feeds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.redis.BufferedStreamWriter;
import perpwatch.core.redis.RedisStreams;
import perpwatch.feeds.binance.BinanceTradesWorker;
import perpwatch.feeds.binance.book.BinanceBookWorker;

/** The catalogue of feed tasks by name ({@code --task=NAME}), each built once per instrument. */
public final class FeedTasks {
    /** What a task factory gets: the config, one Redis client, and the instrument to watch. */
    public record Context(FeedConfig config, RedisStreams redis, Instrument instrument) {
        public BufferedStreamWriter newWriter() {
            return new BufferedStreamWriter(redis, config.redisBacklog(), System::currentTimeMillis);
        }
    }

    private static final Map<String, Function<Context, FeedTask>> FACTORIES = Map.of(
            "binance-trades", ctx -> new BinanceTradesWorker(ctx.instrument(),
                    ctx.config().binance().aggTradeStream(ctx.instrument()),
                    ctx.config().reconnect().withMaxAge(ctx.config().binanceMaxConnAge()),
                    ctx.redis(), ctx.newWriter(), ctx.config().barCloseGrace(), System::currentTimeMillis),
            "binance-book", ctx -> BinanceBookWorker.create(ctx.instrument(), ctx.config().binance(),
                    ctx.config().reconnect().withMaxAge(ctx.config().binanceMaxConnAge()), ctx.newWriter()));

    private FeedTasks() {
    }

    public static List<String> names() {
        return FACTORIES.keySet().stream().sorted().toList();
    }

    /** Builds task {@code name} for every configured instrument. */
    public static List<FeedTask> create(String name, FeedConfig config, RedisStreams redis) {
        Function<Context, FeedTask> factory = FACTORIES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown task '" + name + "'; known tasks: " + names());
        }
        List<FeedTask> tasks = new ArrayList<>();
        for (Instrument instrument : config.instruments().all()) {
            tasks.add(factory.apply(new Context(config, redis, instrument)));
        }
        return tasks;
    }
}
