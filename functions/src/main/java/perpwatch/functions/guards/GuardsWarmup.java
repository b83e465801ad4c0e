package perpwatch.functions.guards;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.kinesis.LogRecord;
import perpwatch.core.model.BookTop;
import perpwatch.core.model.BookTopCodec;
import perpwatch.core.model.FundingSnapshot;
import perpwatch.core.model.FundingSnapshotCodec;
import perpwatch.core.model.LastTrade;
import perpwatch.core.model.LastTradeCodec;
import perpwatch.core.model.PriceTick;
import perpwatch.core.model.PriceTickCodec;
import perpwatch.core.stream.StreamEntry;
import perpwatch.functions.config.FunctionsConfig;
import perpwatch.functions.durable.DurableLog;

/**
 * Runs the guards computation once per configured instrument on made-up inputs, so that its classes are loaded and
 * initialised (codecs, checks, verdicts, the response and its JSON serialiser) before a SnapStart snapshot is taken.
 *
 * <p>It fails closed by construction: it builds its own {@link GuardsService} with its own answer stamp, an input
 * reader that never touches Redis and a decision log that keeps nothing. The application's service, stamp, cache and
 * decision log are never called, so no made-up answer can be served, counted or recorded, and the instance identity
 * is still drawn at the first real answer (see {@link AnswerStamp}).
 */
public final class GuardsWarmup {
    private final FunctionsConfig config;
    private final Clock clock;
    private final JsonMapper json;

    public GuardsWarmup(FunctionsConfig config, Clock clock, JsonMapper json) {
        this.config = config;
        this.clock = clock;
        this.json = json;
    }

    /** Evaluates every instrument synchronously and through the async path, and writes each answer's JSON. */
    public void run() {
        DecisionLog none = new NoDecisions(clock);
        try {
            GuardsService service = new GuardsService(new MadeUpInputs(config), config, clock, new AnswerStamp(), none);
            for (Instrument instrument : config.instruments().all()) {
                json.writeValueAsBytes(service.evaluate(instrument));
                // The route's own path: the fingerprint future, then a recompute on the given executor.
                json.writeValueAsBytes(
                        service.evaluateAsync(instrument, Runnable::run).join());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            none.close();
        }
    }

    /** A decision log that records nothing: a made-up answer is no decision. */
    private static final class NoDecisions extends DecisionLog {
        NoDecisions(Clock clock) {
            super(null, NO_LOG, clock);
        }

        @Override
        void offer(Instrument instrument, GuardsResponse answer) {}
    }

    private static final DurableLog NO_LOG = new DurableLog() {
        @Override
        public void append(List<LogRecord> records) {
            throw new IllegalStateException("the guards warm-up never writes a decision");
        }
    };

    /**
     * Fresh, plausible entries for the streams with one encoder each (price, book, funding, both basis legs); the
     * rest stay empty, which exercises the "no data" checks too. The fingerprint changes on every read, so every
     * evaluation recomputes.
     */
    private static final class MadeUpInputs extends GuardInputsReader {
        private long reads;

        MadeUpInputs(FunctionsConfig config) {
            super(null, config);
        }

        @Override
        List<String> fingerprint(Instrument instrument) {
            return List.of("warmup-" + reads++);
        }

        @Override
        CompletableFuture<List<String>> fingerprintAsync(Instrument instrument) {
            return CompletableFuture.completedFuture(fingerprint(instrument));
        }

        @Override
        GuardInputs read(Instrument instrument, long nowMs, List<String> fingerprint) {
            long ts = nowMs - 100;
            BigDecimal price = new BigDecimal("100.00");
            BigDecimal depth = new BigDecimal("250000");
            var tick = PriceTickCodec.INSTANCE.encode(new PriceTick(price, ts, ts));
            var book = BookTopCodec.INSTANCE.encode(new BookTop(
                    price,
                    BigDecimal.ONE,
                    new BigDecimal("100.01"),
                    BigDecimal.ONE,
                    BigDecimal.ONE,
                    depth,
                    depth,
                    ts,
                    ts));
            var funding = FundingSnapshotCodec.INSTANCE.encode(new FundingSnapshot(
                    instrument.canonical(),
                    depth,
                    depth,
                    new BigDecimal("0.0001"),
                    new BigDecimal("0.0001"),
                    8,
                    new BigDecimal("0.1095"),
                    ts + 3_600_000,
                    price,
                    ts,
                    ts,
                    ts));
            var trade = LastTradeCodec.INSTANCE.encode(
                    new LastTrade(instrument.canonical(), price, "buy", BigDecimal.ONE, ts, ts));
            String id = ts + "-0";
            return new GuardInputs(
                    Optional.of(new StreamEntry(id, tick)),
                    Optional.empty(),
                    Optional.of(new StreamEntry(id, book)),
                    Optional.of(new StreamEntry(id, funding)),
                    Optional.of(new StreamEntry(id, trade)),
                    Optional.of(new StreamEntry(id, trade)),
                    Optional.empty(),
                    Optional.empty(),
                    List.of(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty());
        }
    }
}
