package perpwatch.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import perpwatch.feeds.binance.book.BookSynchronizer;
import perpwatch.feeds.binance.book.DepthSnapshot;
import perpwatch.feeds.binance.book.DepthUpdate;
import perpwatch.feeds.binance.book.FixedPoint;
import perpwatch.feeds.binance.book.OrderBook;
import perpwatch.feeds.metrics.FeedCounters;

/**
 * The binance-book hot path on one core, per diff-level update (one {@code [price, qty]} pair of a diff), on a book
 * of 1,000 levels a side:
 * <ul>
 *   <li>{@code levelSet}: the book structure alone, levels already in scaled units;</li>
 *   <li>{@code diffApply}: parsed diffs (levels already in units: the parser reads them from the text) → book, what
 *   the worker does per diff after parsing;</li>
 *   <li>{@code diffApplyWithTop}: that plus the whole published view (top, spread, 10 bps depth both sides, as
 *       BigDecimals) after every diff, the worst case (the worker computes it at most once per diff, ≤ 10 a
 *       second);</li>
 *   <li>{@code syncedDiffApply}: through the synchronizer (pu chain check, health check) as in production.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dlogback.configurationFile=logback-bench.xml")
public class DepthBookBenchmark {
    private static final int DIFFS = 20_000;
    private static final int LEVELS = DIFFS * DepthBookData.LEVELS_PER_DIFF;

    private DepthSnapshot snapshot;
    private DepthUpdate[] diffs;
    private long[] units;
    private OrderBook book;
    private BookSynchronizer sync;

    @Setup
    public void setUp() throws FixedPoint.UnrepresentableLevelException {
        snapshot = DepthBookData.snapshot(1);
        diffs = DepthBookData.diffs(DIFFS, 2);
        units = DepthBookData.units(diffs);
        book = new OrderBook(5_000, 10);
        book.load(snapshot);
        sync = new BookSynchronizer("bench", "SOLUSDT", new OrderBook(5_000, 10), 1_000, new FeedCounters());
    }

    @Benchmark
    @OperationsPerInvocation(LEVELS)
    public long levelSet() {
        long[] u = units;
        for (int i = 0; i < u.length; i += 3) {
            book.set(u[i] == 1, u[i + 1], u[i + 2]);
        }
        return book.bestBidUnits();
    }

    @Benchmark
    @OperationsPerInvocation(LEVELS)
    public long diffApply() throws FixedPoint.UnrepresentableLevelException {
        for (DepthUpdate diff : diffs) {
            book.apply(diff.bids(), diff.asks());
        }
        return book.bestAskUnits();
    }

    @Benchmark
    @OperationsPerInvocation(LEVELS)
    public void diffApplyWithTop(Blackhole hole) throws FixedPoint.UnrepresentableLevelException {
        for (DepthUpdate diff : diffs) {
            book.apply(diff.bids(), diff.asks());
            hole.consume(book.top(diff.transactTime(), diff.recvTime()));
        }
    }

    /** Starts each pass from the snapshot (2,000 levels, under 1 % of the pass) so the pu chain holds. */
    @Benchmark
    @OperationsPerInvocation(LEVELS)
    public long syncedDiffApply() {
        sync.reset("bench pass");
        sync.onUpdate(diffs[0]);
        sync.onSnapshot(snapshot);
        for (int i = 1; i < diffs.length; i++) {
            sync.onUpdate(diffs[i]);
        }
        if (sync.state() != BookSynchronizer.State.SYNCED) {
            throw new IllegalStateException("benchmark diffs lost sync");
        }
        return sync.lastFinalId();
    }
}
