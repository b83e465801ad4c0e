package perpwatch.feeds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.LoggerFactory;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.instrument.Venue;
import perpwatch.core.kinesis.DurableLogBuffer;
import perpwatch.core.kinesis.KinesisRecordSink;
import perpwatch.core.redis.BufferedStreamWriter;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.stream.StreamKeys;
import perpwatch.feeds.binance.BinanceLiquidationSource;
import perpwatch.feeds.binance.BinanceTradesWorker;
import perpwatch.feeds.binance.book.BinanceBookWorker;
import perpwatch.feeds.bybit.BybitFundingPoller;
import perpwatch.feeds.bybit.BybitLiquidationSource;
import perpwatch.feeds.bybit.BybitMarketRestClient;
import perpwatch.feeds.http.RestGetter;
import perpwatch.feeds.liquidations.LiquidationSource;
import perpwatch.feeds.liquidations.LiquidationsWorker;
import perpwatch.feeds.okx.OkxContractSpecs;
import perpwatch.feeds.okx.OkxInstrumentsClient;
import perpwatch.feeds.okx.OkxLiquidationSource;
import perpwatch.feeds.okx.OkxTradesWorker;
import perpwatch.feeds.onchain.scan.DriftFundingClient;
import perpwatch.feeds.onchain.scan.DriftLiqMapScanner;
import perpwatch.feeds.onchain.scan.DriftLiqMapTask;
import perpwatch.feeds.onchain.scan.LiqMapArchive;
import perpwatch.feeds.onchain.scan.LiqMapPublisher;
import perpwatch.feeds.onchain.scan.RpcNotConfiguredTask;
import perpwatch.feeds.pulse.WriteTally;
import perpwatch.feeds.solana.SolanaRpcClient;
import perpwatch.feeds.solana.SolanaRpcConfig;
import perpwatch.feeds.solana.SolanaRpcEndpoint;
import perpwatch.feeds.subscription.FeedLinkReporter;
import perpwatch.feeds.subscription.SubscribedLinks;
import perpwatch.feeds.velocity.VelocityMarketTask;
import perpwatch.feeds.ws.Backoff;

/** The catalogue of feed tasks by name ({@code --task=NAME}), each built once per instrument. */
public final class FeedTasks {

    /**
     * What a task factory gets: the config, one Redis client, the instrument to watch, and where writers are counted.
     */
    public record Context(
            FeedConfig config, RedisStreams redis, Instrument instrument, DurableLogBuffer log, WriteTally tally) {
        /** Redis, and the durable log when it is on; its writes count toward the task's {@code RecordsWritten}. */
        public BufferedStreamWriter newWriter() {
            return tally.track(new BufferedStreamWriter(redis, config.redisBacklog(), System::currentTimeMillis, log));
        }
    }

    /**
     * One feed task: its name ({@code --task=NAME}, the ECS service), the venues it reads (it is built for an
     * instrument that lists one of them, and reads only those it lists: DESIGN §3), the market streams it writes
     * (DESIGN §4's "written by", on which it creates the consumer groups at start) and how it is built. A new task is
     * one more entry in {@link #SPECS}; the CDK's services are held to these names by a test.
     */
    private record TaskSpec(
            String name,
            Set<Venue> venues,
            Function<Instrument, List<StreamKey>> streams,
            Function<Context, FeedTask> factory) {}

    private static final List<TaskSpec> SPECS = List.of(
            new TaskSpec(
                    "binance-trades",
                    EnumSet.of(Venue.BINANCE),
                    i -> List.of(StreamKeys.trades(i), StreamKeys.price(i)),
                    ctx -> new BinanceTradesWorker(
                            ctx.instrument(),
                            ctx.config().binance().aggTradeStream(ctx.instrument()),
                            ctx.config().reconnect().withMaxAge(ctx.config().binanceMaxConnAge()),
                            ctx.redis(),
                            ctx.newWriter(),
                            ctx.config().barCloseSilence(),
                            System::currentTimeMillis,
                            BinanceTradesWorker.Backfill.rest(
                                    ctx.config().binance().restBase(),
                                    ctx.config().restTimeout()))),
            new TaskSpec(
                    "binance-book",
                    EnumSet.of(Venue.BINANCE),
                    i -> List.of(StreamKeys.book(i)),
                    ctx -> BinanceBookWorker.create(
                            ctx.instrument(),
                            ctx.config().binance(),
                            ctx.config().reconnect().withMaxAge(ctx.config().binanceMaxConnAge()),
                            ctx.config().book(),
                            ctx.newWriter())),
            new TaskSpec(
                    "liquidations",
                    EnumSet.of(Venue.BINANCE, Venue.OKX_USDT, Venue.OKX_USDC, Venue.BYBIT),
                    i -> List.of(StreamKeys.liquidations(i)),
                    FeedTasks::liquidations),
            new TaskSpec(
                    "okx-usdc",
                    EnumSet.of(Venue.OKX_USDT, Venue.OKX_USDC),
                    FeedTasks::okxStreams,
                    ctx -> new OkxTradesWorker(
                            ctx.instrument(),
                            ctx.config().okx().publicWs(),
                            ctx.config().reconnect(),
                            okxSpecs(ctx),
                            ctx.newWriter(),
                            System::currentTimeMillis)),
            new TaskSpec(
                    "bybit-funding",
                    EnumSet.of(Venue.BYBIT),
                    i -> List.of(StreamKeys.funding(i), StreamKeys.fundingSettled(i)),
                    ctx -> new BybitFundingPoller(
                            ctx.instrument(),
                            new BybitMarketRestClient(
                                    ctx.config().bybit(), ctx.config().restTimeout()),
                            ctx.newWriter(),
                            ctx.redis(),
                            ctx.config().fundingPoll(),
                            3,
                            Backoff.standard(),
                            System::currentTimeMillis)),
            new TaskSpec(
                    "velocity-market",
                    EnumSet.of(Venue.VELOCITY),
                    i -> List.of(
                            StreamKeys.velocityBook(i), StreamKeys.velocityFunding(i), StreamKeys.velocityOracle(i)),
                    ctx -> new VelocityMarketTask(
                            ctx.instrument(),
                            ctx.config().velocity(),
                            ctx.config().reconnect(),
                            ctx.config().velocityMarket(),
                            ctx.config().restTimeout(),
                            oracleRpc(ctx),
                            ctx.newWriter(),
                            System::currentTimeMillis)),
            // The on-chain scan writes no market stream (its map is a document; its summary has no consumers).
            new TaskSpec("drift-liq-map", EnumSet.of(Venue.VELOCITY), i -> List.of(), FeedTasks::driftLiqMap));

    /** How long a task waits before trying again to create its consumer groups while Redis is unreachable. */
    private static final Duration GROUPS_RETRY = Duration.ofSeconds(5);

    /** The market streams task {@code name} writes for {@code instrument}. */
    public static List<StreamKey> marketStreams(String name, Instrument instrument) {
        return spec(name).streams().apply(instrument);
    }

    /** Whether task {@code name} runs for {@code instrument}: it lists one of the venues the task reads. */
    public static boolean runsFor(String name, Instrument instrument) {
        return spec(name).venues().stream().anyMatch(instrument::has);
    }

    private static TaskSpec spec(String name) {
        return SPECS.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalArgumentException("unknown task '" + name + "'; known tasks: " + names()));
    }

    private static List<StreamKey> okxStreams(Instrument instrument) {
        List<StreamKey> streams = new ArrayList<>();
        if (instrument.has(Venue.OKX_USDC)) {
            streams.add(StreamKeys.usdcTrades(instrument));
        }
        if (instrument.has(Venue.OKX_USDT)) {
            streams.add(StreamKeys.okxUsdtTrades(instrument));
        }
        return List.copyOf(streams);
    }

    /**
     * The node the velocity-market task reads the oracle from: the scan's endpoint, but one try per read with the REST
     * timeout, since the next read is a second away and a stalled call must not hide a stalled oracle.
     */
    private static Optional<SolanaRpcClient> oracleRpc(Context ctx) {
        SolanaRpcConfig scan = ctx.config().solana();
        if (SolanaRpcEndpoint.notConfigured(scan.endpoint()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new SolanaRpcClient(
                new SolanaRpcConfig(scan.endpoint(), ctx.config().restTimeout(), 1, scan.backoff())));
    }

    private static FeedTask driftLiqMap(Context ctx) {
        Optional<String> notConfigured =
                SolanaRpcEndpoint.notConfigured(ctx.config().solana().endpoint());
        if (notConfigured.isPresent()) {
            return new RpcNotConfiguredTask(notConfigured.get());
        }
        LiqMapPublisher publisher = new LiqMapPublisher(ctx.redis());
        ctx.tally().count(publisher::published);
        DriftFundingClient funding = new DriftFundingClient(
                ctx.config().onchainDataApi(), new RestGetter(ctx.config().restTimeout()));
        return new DriftLiqMapTask(
                new DriftLiqMapScanner(
                        new SolanaRpcClient(ctx.config().solana()),
                        ctx.config().onchainProgram(),
                        ctx.instrument().velocityMarket(),
                        System::currentTimeMillis,
                        Optional.of(funding),
                        ctx.config().solana().oracleSlotBudget()),
                publisher,
                ctx.config().liqMapArchive().map(LiqMapArchive::create),
                ctx.config().driftScanInterval());
    }

    private static FeedTask liquidations(Context ctx) {
        Instrument instrument = ctx.instrument();
        List<LiquidationSource> sources = new ArrayList<>();
        if (instrument.onExchange("binance")) {
            sources.add(new BinanceLiquidationSource(instrument, ctx.config().binance()));
        }
        if (instrument.onExchange("okx")) {
            sources.add(new OkxLiquidationSource(instrument, ctx.config().okx(), okxSpecs(ctx)));
        }
        if (instrument.onExchange("bybit")) {
            sources.add(new BybitLiquidationSource(instrument, ctx.config().bybit()));
        }
        return new LiquidationsWorker(
                ctx.instrument(),
                sources,
                ctx.config().reconnect(),
                ctx.newWriter(),
                ctx.redis(),
                System::currentTimeMillis);
    }

    private static OkxContractSpecs okxSpecs(Context ctx) {
        return new OkxContractSpecs(
                new OkxInstrumentsClient(ctx.config().okx(), ctx.config().restTimeout()),
                ctx.instrument().symbols(Venue.OKX_USDT, Venue.OKX_USDC));
    }

    private FeedTasks() {}

    public static List<String> names() {
        return SPECS.stream().map(TaskSpec::name).sorted().toList();
    }

    /** Builds task {@code name} for every configured instrument that lists one of its venues (none may). */
    public static List<FeedTask> create(String name, FeedConfig config, RedisStreams redis) {
        return create(name, config, redis, new WriteTally());
    }

    /** As {@link #create(String, FeedConfig, RedisStreams)}, counting every record the tasks write in {@code tally}. */
    public static List<FeedTask> create(String name, FeedConfig config, RedisStreams redis, WriteTally tally) {
        TaskSpec spec = spec(name);
        List<FeedTask> tasks = new ArrayList<>();
        DurableLogBuffer log = config.durableLog()
                .map(k -> new DurableLogBuffer(
                        KinesisRecordSink.create(k), config.logBacklog(), 500, System::currentTimeMillis))
                .orElse(null);
        for (Instrument instrument : config.instruments().all()) {
            if (!runsFor(name, instrument)) {
                continue;
            }
            FeedTask task = spec.factory().apply(new Context(config, redis, instrument, log, tally));
            tasks.add(task);
            if (task instanceof SubscribedLinks subscribed) {
                // Beside the task (after it, so tasks.get(i) stays the worker): its links' status for /api/health.
                tasks.add(new FeedLinkReporter(
                        task.name(),
                        redis,
                        instrument,
                        subscribed.links(),
                        config.reconnect().silenceTimeout()));
            }
            List<StreamKey> streams = marketStreams(name, instrument);
            if (!streams.isEmpty()) {
                tasks.add(new ConsumerGroupsTask(task.name(), redis, streams, GROUPS_RETRY));
            }
        }
        if (tasks.isEmpty()) {
            // Not an error (a deployment may watch no instrument on that venue), but a container running nothing
            // should say so rather than look healthy and idle.
            // Looked up here, not in a static field: the CDK's test reads names() with only this module and core on
            // its class path, and a logger field would need slf4j just to list the tasks.
            LoggerFactory.getLogger(FeedTasks.class)
                    .warn("task {}: no instrument lists any of {}; nothing to run", name, spec.venues());
        }
        if (log != null && log.holders() == 0) {
            // A task that writes no records (the Drift scan keeps its own archive): no shipper thread for it.
            log.close();
        }
        return tasks;
    }
}
