package perpwatch.bench;

import java.util.Map;
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
import perpwatch.core.calc.MinuteBarAggregator;
import perpwatch.core.calc.TradeCoverage;
import perpwatch.core.model.Bar;
import perpwatch.core.model.BarCodec;
import perpwatch.core.model.PriceTick;
import perpwatch.core.model.PriceTickCodec;
import perpwatch.feeds.binance.BinanceAggTradeParser;
import perpwatch.feeds.binance.BinanceFrame;
import perpwatch.feeds.parse.MalformedFrameException;
import perpwatch.feeds.sequence.TradeIdSequencer;
import perpwatch.local.market.SyntheticAggTradeTape;

/**
 * The binance-trades hot path on one core: aggTrade JSON frame → parse → id sequencing → 1-minute bar aggregation
 * → stream fields of every closed bar. {@code withPriceFields} also encodes a price entry for every trade, the
 * worst case (the worker does it at most once a second). Frames are wire-exact, from the synthetic tape.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AggTradePipelineBenchmark {
    private static final int FRAMES = 200_000;

    private String[] frames;
    private final BinanceAggTradeParser parser = new BinanceAggTradeParser();
    private TradeIdSequencer sequencer;
    private MinuteBarAggregator bars;

    @Setup
    public void setUp() {
        SyntheticAggTradeTape tape = new SyntheticAggTradeTape("SOLUSDT", 150.0, 42, 1_700_000_000_000L);
        frames = new String[FRAMES];
        for (int i = 0; i < FRAMES; i++) {
            frames[i] = tape.next().payload();
        }
    }

    private void reset() {
        sequencer = new TradeIdSequencer();
        bars = new MinuteBarAggregator(2_000);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void frameToBarFields(Blackhole hole) throws MalformedFrameException {
        reset();
        for (String frame : frames) {
            BinanceFrame.AggTrade trade = (BinanceFrame.AggTrade) parser.parse(frame, 0);
            hole.consume(sequencer.check(trade.trade().id()));
            bars.accept(trade.trade());
            for (Bar closed : bars.due(trade.trade().tradeTime(), TradeCoverage.COMPLETE)) {
                hole.consume(BarCodec.INSTANCE.encode(closed));
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void frameToBarAndPriceFields(Blackhole hole) throws MalformedFrameException {
        reset();
        for (String frame : frames) {
            BinanceFrame.AggTrade trade = (BinanceFrame.AggTrade) parser.parse(frame, 0);
            hole.consume(sequencer.check(trade.trade().id()));
            bars.accept(trade.trade());
            for (Bar closed : bars.due(trade.trade().tradeTime(), TradeCoverage.COMPLETE)) {
                hole.consume(BarCodec.INSTANCE.encode(closed));
            }
            Map<String, String> price = PriceTickCodec.INSTANCE.encode(new PriceTick(
                    trade.trade().price(),
                    trade.trade().tradeTime(),
                    trade.trade().recvTime()));
            hole.consume(price);
        }
    }
}
