package perpwatch.bench.peers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchange.dto.marketdata.OrderBookUpdate;
import perpwatch.bench.DepthBookData;
import perpwatch.core.calc.MinuteBarAggregator;
import perpwatch.core.calc.TradeCoverage;
import perpwatch.core.model.Bar;
import perpwatch.core.model.BarCodec;
import perpwatch.core.model.BookTop;
import perpwatch.feeds.binance.BinanceAggTradeParser;
import perpwatch.feeds.binance.BinanceFrame;
import perpwatch.feeds.binance.book.BinanceDepthParser;
import perpwatch.feeds.binance.book.BookSynchronizer;
import perpwatch.feeds.binance.book.DepthSnapshot;
import perpwatch.feeds.binance.book.DepthUpdate;
import perpwatch.feeds.binance.book.FixedPoint;
import perpwatch.feeds.binance.book.OrderBook;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.onchain.ProgramDecoders;
import perpwatch.feeds.onchain.ProgramProfile;
import perpwatch.feeds.sequence.TradeIdSequencer;

/**
 * The JVM side of {@code bench/peers/run.sh}: perpwatch's book, feed-handler, decode and JSON-floor paths next to
 * XChange's {@code OrderBook}, on the inputs {@link PeerInputs} writes for the Node side too. One thread, so each
 * figure is per core. Each row: warm-up passes for {@code --warmup-ms}, then {@code --rounds} rounds of at least
 * {@code --round-ms} of whole passes each; a round's figure is ops / elapsed, the row's figure the median round.
 * Writes {@code java.json} (rows, rounds, checks) to {@code --work}; the report is put together by {@code report.mjs}.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar perpwatch.bench.peers.PeersBench --fixtures=DIR --work=DIR
 * [--rounds=5] [--round-ms=1000] [--warmup-ms=3000] [--only=book,depth,trades,decode] [--prepare-only]}
 */
public final class PeersBench {
    private static final int BOOK_DIFFS = 20_000;
    private static final int TRADE_COPIES = 2_500;
    private static final int DEPTH_COPIES = 200;
    private static final int TOP_LEVELS = 20;

    private final int rounds;
    private final long roundNanos;
    private final long warmupNanos;
    private final ObjectMapper json = new ObjectMapper();
    private final ArrayNode rows = json.createArrayNode();
    private final ObjectNode checks = json.createObjectNode();
    private long sink;

    private PeersBench(int rounds, long roundMs, long warmupMs) {
        this.rounds = rounds;
        this.roundNanos = roundMs * 1_000_000L;
        this.warmupNanos = warmupMs * 1_000_000L;
    }

    /** One pass over a row's whole input; returns something derived from the work so it is not optimized away. */
    @FunctionalInterface
    interface Pass {
        long run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path fixtures = Path.of(arg(args, "fixtures", "/work/shared/fixtures"));
        Path work = Path.of(arg(args, "work", "bench/peers/target"));
        PeerInputs inputs = PeerInputs.build(fixtures, TRADE_COPIES, DEPTH_COPIES);
        inputs.write(work);
        if (Arrays.asList(args).contains("--prepare-only")) {
            return;
        }
        PeersBench bench = new PeersBench(
                Integer.parseInt(arg(args, "rounds", "5")),
                Long.parseLong(arg(args, "round-ms", "1000")),
                Long.parseLong(arg(args, "warmup-ms", "3000")));
        List<String> only =
                Arrays.asList(arg(args, "only", "book,depth,trades,decode").split(","));
        if (only.contains("book")) {
            bench.book();
        }
        if (only.contains("depth")) {
            bench.depthFrames(inputs, work);
        }
        if (only.contains("trades")) {
            bench.trades(inputs);
        }
        if (only.contains("decode")) {
            bench.decode(inputs);
        }
        ObjectNode out = bench.json.createObjectNode();
        out.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        out.set("rows", bench.rows);
        out.set("checks", bench.checks);
        bench.json
                .writerWithDefaultPrettyPrinter()
                .writeValue(work.resolve("java.json").toFile(), out);
        System.out.println("sink " + bench.sink);
    }

    private static String arg(String[] args, String name, String fallback) {
        for (String a : args) {
            if (a.startsWith("--" + name + "=")) {
                return a.substring(name.length() + 3);
            }
        }
        return fallback;
    }

    private record Row(String id, String unit, long opsPerPass, Pass pass) {}

    private final List<Row> pending = new ArrayList<>();

    /** Queues a row; {@link #measure} runs the queued rows together. */
    private void row(String id, String unit, long opsPerPass, Pass pass) {
        pending.add(new Row(id, unit, opsPerPass, pass));
    }

    /**
     * Warms each queued row up, then runs their rounds in turn (round 1 of each, round 2 of each, …), so a row and its
     * peer see the same load on this shared machine.
     */
    private void measure() throws Exception {
        for (Row row : pending) {
            long start = System.nanoTime();
            int warm = 0;
            while (warm < 3 || System.nanoTime() - start < warmupNanos) {
                sink += row.pass().run();
                warm++;
            }
        }
        double[][] figures = new double[pending.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < pending.size(); i++) {
                Row row = pending.get(i);
                long ops = 0;
                long t0 = System.nanoTime();
                long elapsed;
                do {
                    sink += row.pass().run();
                    ops += row.opsPerPass();
                    elapsed = System.nanoTime() - t0;
                } while (elapsed < roundNanos);
                figures[i][r] = ops * 1e9 / elapsed;
            }
        }
        for (int i = 0; i < pending.size(); i++) {
            Row row = pending.get(i);
            double[] sorted = figures[i].clone();
            Arrays.sort(sorted);
            ObjectNode out = rows.addObject();
            out.put("id", row.id());
            out.put("unit", row.unit());
            out.put("median", sorted[sorted.length / 2]);
            ArrayNode each = out.putArray("rounds");
            for (double f : figures[i]) {
                each.add(f);
            }
            System.out.printf(
                    "%-28s %,14.0f %s (median of %d)%n", row.id(), sorted[sorted.length / 2], row.unit(), rounds);
        }
        System.out.flush();
        pending.clear();
    }

    /** Book rows: the generated SOL-like book (1,000 levels a side) and 20,000 diffs of 10 levels. */
    private void book() throws Exception {
        DepthSnapshot snapshot = DepthBookData.snapshot(1);
        DepthUpdate[] diffs = DepthBookData.diffs(BOOK_DIFFS, 2);
        List<DepthBookData.DecimalDiff> decimalDiffs = Arrays.asList(DepthBookData.decimalDiffs(BOOK_DIFFS, 2));
        OrderBookUpdate[][] updates = XChangeBook.updates(decimalDiffs);
        long levels = Arrays.stream(updates).mapToLong(u -> u.length).sum();

        verify("book.generated", snapshot, Arrays.asList(diffs), decimalDiffs);

        OrderBook ours = new OrderBook(5_000, 10);
        ours.load(snapshot);
        XChangeBook theirs = new XChangeBook(snapshot);
        row("book.apply.perpwatch", "updates/s", levels, () -> {
            for (DepthUpdate diff : diffs) {
                ours.apply(diff.bids(), diff.asks());
            }
            return ours.bestAskUnits();
        });
        row("book.apply.xchange", "updates/s", levels, () -> {
            for (OrderBookUpdate[] diff : updates) {
                for (OrderBookUpdate u : diff) {
                    theirs.update(u);
                }
            }
            return theirs.asks();
        });
        measure();
        row("book.top.perpwatch", "updates/s", levels, () -> {
            long h = 0;
            for (DepthUpdate diff : diffs) {
                ours.apply(diff.bids(), diff.asks());
                h += ours.top(diff.transactTime(), diff.recvTime())
                        .depthBidUsd()
                        .scale();
            }
            return h;
        });
        row("book.top.xchange", "updates/s", levels, () -> {
            long h = 0;
            for (OrderBookUpdate[] diff : updates) {
                for (OrderBookUpdate u : diff) {
                    theirs.update(u);
                }
                h += theirs.top()[5].scale();
            }
            return h;
        });
        measure();
        // Every pass applies the whole diff array, so after any number of passes both books hold the same state.
        compare("book.generated.afterTiming", ours, theirs);
    }

    /**
     * Applies the diffs once to fresh books and compares them level by level, and their published views; XChange gets
     * {@code decimal}, the same diffs as decimals.
     */
    private void verify(
            String name, DepthSnapshot snapshot, List<DepthUpdate> diffs, List<DepthBookData.DecimalDiff> decimal)
            throws FixedPoint.UnrepresentableLevelException {
        OrderBook ours = new OrderBook(5_000, 10);
        ours.load(snapshot);
        XChangeBook theirs = new XChangeBook(snapshot);
        OrderBookUpdate[][] updates = XChangeBook.updates(decimal);
        for (int d = 0; d < diffs.size(); d++) {
            ours.apply(diffs.get(d).bids(), diffs.get(d).asks());
            for (OrderBookUpdate u : updates[d]) {
                theirs.update(u);
            }
        }
        compare(name, ours, theirs);
    }

    private void compare(String name, OrderBook ours, XChangeBook theirs) {
        ObjectNode c = checks.putObject(name);
        for (boolean bid : new boolean[] {true, false}) {
            int[] agree = BookPeers.agree(BookPeers.levels(ours, bid), theirs.levels(bid));
            String side = bid ? "bids" : "asks";
            c.put(side + "EqualFromTop", agree[0]);
            c.put(side + "Perpwatch", agree[1]);
            c.put(side + "Xchange", agree[2]);
            c.put(side + "Top" + TOP_LEVELS + "Equal", agree[0] >= Math.min(TOP_LEVELS, Math.max(agree[1], agree[2])));
            c.put(side + "AllEqual", agree[0] == agree[1] && agree[1] == agree[2]);
        }
        BookTop top = ours.top(0, 0);
        BigDecimal[] x = theirs.top();
        c.put(
                "topAndDepthEqual",
                BookPeers.sameNumber(top.bidPrice(), x[0])
                        && BookPeers.sameNumber(top.bidQty(), x[1])
                        && BookPeers.sameNumber(top.askPrice(), x[2])
                        && BookPeers.sameNumber(top.askQty(), x[3])
                        && BookPeers.sameNumber(top.spreadBps(), x[4])
                        && BookPeers.sameNumber(top.depthBidUsd(), x[5])
                        && BookPeers.sameNumber(top.depthAskUsd(), x[6]));
        c.put(
                "perpwatchTop",
                top.bidPrice().toPlainString() + " / " + top.askPrice().toPlainString() + ", 10 bps depth "
                        + top.depthBidUsd().toPlainString() + " / "
                        + top.depthAskUsd().toPlainString());
        c.put(
                "xchangeTop",
                x[0].toPlainString() + " / " + x[2].toPlainString() + ", 10 bps depth " + x[5].toPlainString() + " / "
                        + x[6].toPlainString());
        System.out.println(name + ": " + c);
    }

    /**
     * The recorded SUSHIUSDT depth frames, repeated: perpwatch parses each frame and runs it through its synchronizer
     * (the worker's path; ccxt's {@code handleOrderBook} is the Node-side peer). Also checks perpwatch against
     * XChange on the recorded stream, and writes perpwatch's top levels for the Node side to compare ccxt's book to.
     */
    private void depthFrames(PeerInputs inputs, Path work) throws Exception {
        BinanceDepthParser parser = new BinanceDepthParser();
        DepthSnapshot snapshot = parser.parseSnapshot(inputs.depthSnapshot);
        String[] frames = inputs.depthFrames.toArray(new String[0]);
        List<DepthUpdate> recorded = new ArrayList<>();
        List<DepthBookData.DecimalDiff> recordedDecimal = new ArrayList<>();
        int perCopy = frames.length / DEPTH_COPIES;
        for (int i = 0; i < perCopy; i++) {
            recorded.add(((BinanceFrame.DepthDiff) parser.parseFrame(frames[i], 0)).update());
            recordedDecimal.add(XChangeBook.decimalDiff(frames[i]));
        }
        verify("book.recordedSUSHIUSDT", snapshot, recorded, recordedDecimal);

        BookSynchronizer sync =
                new BookSynchronizer("peers", "SUSHIUSDT", new OrderBook(5_000, 10), 1_000, new FeedCounters());
        Pass pass = () -> {
            sync.reset("peers pass");
            sync.onUpdate(((BinanceFrame.DepthDiff) parser.parseFrame(frames[0], 0)).update());
            sync.onSnapshot(snapshot);
            for (int i = 1; i < frames.length; i++) {
                sync.onUpdate(((BinanceFrame.DepthDiff) parser.parseFrame(frames[i], 0)).update());
            }
            if (sync.state() != BookSynchronizer.State.SYNCED) {
                throw new IllegalStateException("recorded depth frames lost sync");
            }
            return sync.lastFinalId();
        };
        row("depth.frames.perpwatch", "frames/s", frames.length, pass);
        row("json.floor.depth", "frames/s", frames.length, () -> tokens(frames));
        measure();
        ObjectNode top = json.createObjectNode();
        for (boolean bid : new boolean[] {true, false}) {
            ArrayNode side = top.putArray(bid ? "bids" : "asks");
            List<BigDecimal[]> levels = BookPeers.levels(sync.book(), bid);
            for (int i = 0; i < Math.min(TOP_LEVELS, levels.size()); i++) {
                side.addArray().add(levels.get(i)[0].toPlainString()).add(levels.get(i)[1].toPlainString());
            }
            top.put(bid ? "bidLevels" : "askLevels", levels.size());
        }
        json.writeValue(work.resolve("perpwatch-depth-top.json").toFile(), top);
    }

    /** The recorded aggTrade frames, repeated: perpwatch's frame → bar path, and Jackson's tokenizer alone. */
    private void trades(PeerInputs inputs) throws Exception {
        String[] frames = inputs.aggTrades.toArray(new String[0]);
        BinanceAggTradeParser parser = new BinanceAggTradeParser();
        row("trades.perpwatch", "frames/s", frames.length, () -> {
            TradeIdSequencer sequencer = new TradeIdSequencer();
            MinuteBarAggregator bars = new MinuteBarAggregator(2_000);
            long h = 0;
            for (String frame : frames) {
                BinanceFrame.AggTrade trade = (BinanceFrame.AggTrade) parser.parse(frame, 0);
                h += sequencer.check(trade.trade().id()).hashCode();
                bars.accept(trade.trade());
                for (Bar closed : bars.due(trade.trade().tradeTime(), TradeCoverage.COMPLETE)) {
                    h += BarCodec.INSTANCE.encode(closed).size();
                }
            }
            return h;
        });
        row("json.floor.trades", "frames/s", frames.length, () -> tokens(frames));
        measure();
        checks.put("tradeFrames", frames.length);
    }

    private static final JsonFactory JSON = new JsonFactory();

    /** Jackson's streaming parser over every frame, every token, nothing else done. */
    private static long tokens(String[] frames) throws IOException {
        long n = 0;
        for (String frame : frames) {
            try (JsonParser p = JSON.createParser(frame)) {
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    n += t.ordinal();
                }
            }
        }
        return n;
    }

    /** The 100 real Drift Users, and the same users at Velocity's layout, through each program's decoder. */
    private void decode(PeerInputs inputs) throws Exception {
        decodeRow("decode.drift.perpwatch", ProgramProfile.DRIFT_V2.decoders(), inputs.driftUsers);
        decodeRow("decode.velocity.perpwatch", ProgramProfile.VELOCITY.decoders(), inputs.velocityUsers);
        measure();
    }

    private void decodeRow(String id, ProgramDecoders decoders, List<byte[]> accounts) throws Exception {
        byte[][] all = accounts.toArray(new byte[0][]);
        int loops = 100;
        row(id, "accounts/s", (long) all.length * loops, () -> {
            long h = 0;
            for (int k = 0; k < loops; k++) {
                for (byte[] a : all) {
                    h += decoders.user(a).lastActiveSlot();
                }
            }
            return h;
        });
    }
}
