package perpwatch.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.stream.StreamKeys;
import perpwatch.core.testing.TestRedis;

/**
 * What the guards pay per request to learn whether any input stream changed, against a real local Redis, six
 * streams with book-sized entries:
 * <ul>
 *   <li>{@code lastIds}: {@link RedisStreams#lastIds} for all six, one EVALSHA, ids only;</li>
 *   <li>{@code lastEntries}: six {@link RedisStreams#last} calls, one round trip each, whole entries (today's
 *   read).</li>
 * </ul>
 * Average time per call, one client thread; loopback, so a real network adds its round trip to each of the six
 * {@code last} calls but once to {@code lastIds}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dlogback.configurationFile=logback-bench.xml")
public class LastIdsBenchmark {
    private TestRedis redis;
    private RedisStreams streams;
    private List<StreamKey> keys;
    private List<String> names;

    @Setup(Level.Trial)
    public void setUp() {
        redis = TestRedis.start();
        streams = new RedisStreams(redis.config());
        Instrument sol = Instrument.sol();
        keys = List.of(
                StreamKeys.price(sol),
                StreamKeys.trades(sol),
                StreamKeys.book(sol),
                StreamKeys.funding(sol),
                StreamKeys.usdcTrades(sol),
                StreamKeys.liquidations(sol));
        names = keys.stream().map(StreamKey::name).toList();
        Map<String, String> entry = Map.of(
                "bid_px",
                "150.01",
                "bid_qty",
                "1234.56",
                "ask_px",
                "150.02",
                "ask_qty",
                "987.65",
                "spread_bps",
                "0.666644448148",
                "depth_bid_usd",
                "1234567.8901",
                "depth_ask_usd",
                "2345678.9012",
                "ts",
                "1700000000000",
                "recv_ts",
                "1700000000007");
        long now = System.currentTimeMillis();
        for (StreamKey key : keys) {
            for (int i = 0; i < 1_000; i++) {
                streams.add(key, entry, now);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        streams.close();
        redis.close();
    }

    @Benchmark
    public List<String> lastIds() {
        return streams.lastIds(names);
    }

    @Benchmark
    public void lastEntries(Blackhole bh) {
        for (StreamKey key : keys) {
            bh.consume(streams.last(key));
        }
    }
}
