package perpwatch.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.archive.KinesisLogReader;
import perpwatch.archive.S3ArchiveStore;
import perpwatch.core.config.Env;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.instrument.InstrumentRegistry;
import perpwatch.core.instrument.Listing;
import perpwatch.core.instrument.Venue;
import perpwatch.core.kinesis.KinesisClients;
import perpwatch.core.kinesis.KinesisConfig;
import perpwatch.core.redis.RedisConfig;
import perpwatch.core.redis.RedisStreams;
import perpwatch.feeds.FeedConfig;
import perpwatch.feeds.FeedTask;
import perpwatch.feeds.FeedTasks;
import perpwatch.feeds.onchain.ProgramProfile;
import perpwatch.functions.webhook.WebhookConfig;
import perpwatch.local.archive.LocalArchiver;
import perpwatch.local.archive.LocalDriftCatchUp;
import perpwatch.local.archive.LocalKinesis;
import perpwatch.local.archive.LocalS3;
import perpwatch.local.market.ReplayAggTradeTape;
import perpwatch.local.market.ReplayDepthTape;
import perpwatch.local.market.TapePlayer;
import perpwatch.local.market.synthetic.SyntheticMarket;
import perpwatch.local.market.synthetic.SyntheticVenueDriver;
import perpwatch.local.net.PortHold;
import perpwatch.local.redis.LocalRedis;
import perpwatch.local.sim.SimRestServer;
import perpwatch.local.sim.Simulators;
import perpwatch.local.sim.okx.OkxWire;
import perpwatch.local.sim.velocity.VelocityDataApiSimulator;
import perpwatch.local.sim.velocity.VelocityDlobSimulator;
import perpwatch.local.sim.velocity.VelocityScenario;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The whole system on one machine, in one JVM, with no AWS account and no Docker: a real Redis, the venue
 * simulators (replay and synthetic modes), every feed task pointed at them by URL, and the API on Netty.
 * The feed tasks and API are the production classes, configured only through their normal variables.
 */
public final class LocalCloud implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCloud.class);
    /** What Velocity's simulators answer in replay: the captures hold nothing of Velocity, so nothing is invented. */
    private static final SimRestServer.Reply NO_CAPTURE = new SimRestServer.Reply(503, "no Velocity capture");

    private final List<AutoCloseable> running = new ArrayList<>();
    private final List<FeedTask> feeds = new ArrayList<>();
    private final List<SyntheticVenueDriver> markets = new ArrayList<>();
    private String apiUrl;
    private LocalRedis redis;
    private Simulators simulators;
    private S3ArchiveStore archiveStore;
    private UnaryOperator<URI> kinesisRoute = UnaryOperator.identity();

    public static void main(String[] args) {
        LocalCloudOptions options;
        try {
            options = LocalCloudOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalCloud cloud = new LocalCloud();
        Runtime.getRuntime().addShutdownHook(new Thread(cloud::close, "local-cloud-shutdown"));
        // ./perpwatch local runs the Velocity scenario unless told not to; a cloud started from code (tests, the
        // harness, benchmarks) keeps a calm Velocity market unless its environment asks for the scenario.
        Env system = Env.system();
        Env env = system.with(Map.of(VelocityScenario.ENV, system.string(VelocityScenario.ENV, "on")));
        try {
            cloud.start(options, env);
        } catch (Exception e) {
            LOG.error("local cloud failed to start: {}", e.getMessage(), e);
            System.exit(1);
        }
        System.out.println();
        System.out.println(
                "perpwatch local cloud is up (" + options.mode().name().toLowerCase() + " mode)");
        System.out.println("  dashboard: " + cloud.apiUrl() + "/");
        System.out.println("  guards:  " + cloud.apiUrl() + "/api/engine/guards");
        System.out.println("  health:  " + cloud.apiUrl() + "/api/health  (detail: /api/internal/health)");
        cloud.archiveEndpoint()
                .ifPresent(a -> System.out.println("  archive: " + a + "  (S3 API, access key/secret local/local)"));
        System.out.println("  webhook: " + cloud.apiUrl() + "/api/webhooks/helius  (Authorization: "
                + heliusAuth(Env.system()) + ")");
        System.out.println("  press Ctrl-C to stop");
        System.out.println();
    }

    public void start(LocalCloudOptions options, Env env) throws Exception {
        // Held until the API binds it: everything started before asks the kernel for ports too.
        PortHold apiPort = options.port() > 0 ? PortHold.of(options.port()) : null;
        if (apiPort != null) {
            running.add(apiPort);
        }
        Map<String, String> overrides = new HashMap<>();
        String redisUrl = env.string("PERPWATCH_REDIS_URL", null);
        if (redisUrl == null) {
            redis = LocalRedis.start(options.redisPort());
            running.add(redis);
            redisUrl = redis.url();
            LOG.info("redis-server (embedded binary) on {}", redisUrl);
        }
        overrides.put("PERPWATCH_REDIS_URL", redisUrl);
        overrides.putAll(startArchive(env, redisUrl));

        if (options.mode() != LocalCloudOptions.Mode.LIVE) {
            simulators = Simulators.start(ProgramProfile.parse(
                    env.string("PERPWATCH_ONCHAIN_PROGRAM", ProgramProfile.VELOCITY.configName())));
            running.add(simulators);
            overrides.putAll(simulators.feedOverrides());
            FeedConfig probe = FeedConfig.fromEnv(env.with(overrides));
            for (Instrument instrument : probe.instruments().all()) {
                List<AutoCloseable> market = marketFor(options, instrument, simulators);
                running.addAll(market);
                market.stream()
                        .filter(SyntheticVenueDriver.class::isInstance)
                        .map(SyntheticVenueDriver.class::cast)
                        .forEach(markets::add);
            }
            // Replay has no Velocity data to fault; the synthetic market does, when asked (main() asks by default).
            if (options.mode() == LocalCloudOptions.Mode.SYNTHETIC && VelocityScenario.enabled(env, false)) {
                running.add(new VelocityScenario(
                                simulators.velocity().model(),
                                simulators.velocity().market(),
                                VelocityScenario.Schedule.DEFAULT,
                                System::currentTimeMillis)
                        .start());
            }
        }

        Env effective = env.with(overrides);
        FeedConfig config = FeedConfig.fromEnv(effective);
        RedisStreams feedRedis = new RedisStreams(config.redis());
        running.add(feedRedis);
        for (String task : FeedTasks.names()) {
            feeds.addAll(FeedTasks.create(task, config, feedRedis));
        }
        feeds.forEach(FeedTask::start);
        LOG.info("feed tasks started: {}", feeds.stream().map(FeedTask::name).toList());

        Map<String, Object> apiProperties = new HashMap<>();
        apiProperties.put("perpwatch.redis.url", redisUrl);
        apiProperties.put("micronaut.server.port", options.port());
        apiProperties.put("micronaut.server.host", "127.0.0.1");
        // The dashboard, from the web-static jar; /api routes are controllers and win over static files.
        apiProperties.put("micronaut.router.static-resources.dashboard.enabled", true);
        apiProperties.put("micronaut.router.static-resources.dashboard.paths", "classpath:public");
        apiProperties.put("micronaut.router.static-resources.dashboard.mapping", "/**");
        // The webhook's durable log is the feeds': the same emulator, stream and route (startArchive's overrides).
        apiProperties.put("perpwatch.durable.log", effective.string("PERPWATCH_DURABLE_LOG", "off"));
        String kinesisEndpoint = effective.string("PERPWATCH_KINESIS_ENDPOINT", null);
        if (kinesisEndpoint != null) {
            apiProperties.put("perpwatch.kinesis.endpoint", kinesisEndpoint);
        }
        apiProperties.put("perpwatch.kinesis.stream", effective.string("PERPWATCH_KINESIS_STREAM", LOG_STREAM));
        apiProperties.put("perpwatch.helius.auth", heliusAuth(env));
        // The no-op route the load benchmarks measure beside the guards; the deployed functions do not serve it.
        apiProperties.put("perpwatch.api.ping", true);
        // One viewer, polling every second: a 1 s answer cache lets a guard change show on the dashboard within 2 s.
        apiProperties.put("perpwatch.guard.cache", env.string("PERPWATCH_GUARD_CACHE", "1s"));
        // The API watches the instruments the feeds were started for, whether they came from the environment or not.
        String instruments = effective.string(InstrumentRegistry.ENV, null);
        if (instruments != null) {
            apiProperties.put("perpwatch.instruments", instruments);
        }
        ApplicationContext api =
                ApplicationContext.builder().properties(apiProperties).start();
        running.add(api);
        if (apiPort != null) {
            apiPort.close();
        }
        EmbeddedServer server = api.getBean(EmbeddedServer.class).start();
        running.add(server::stop);
        apiUrl = "http://localhost:" + server.getPort();
    }

    /** What plays into the simulators: the synthetic market on every venue, or the recorded captures. */
    private static List<AutoCloseable> marketFor(LocalCloudOptions options, Instrument instrument, Simulators sims)
            throws IOException {
        long now = System.currentTimeMillis();
        if (options.mode() == LocalCloudOptions.Mode.SYNTHETIC) {
            SyntheticMarket market =
                    new SyntheticMarket(150.0, instrument.canonical().hashCode(), now);
            if (instrument.has(Venue.VELOCITY)) {
                // Velocity's simulators read the market the driver steps: one mid across venues.
                sims.velocity().market().follow(market::state);
            }
            return List.of(
                    new SyntheticVenueDriver(instrument, market, sims.binance(), sims.okx(), sims.bybit()).start());
        }
        // The captures are Binance trades and depth only. OKX still lists its swaps, so the OKX feeds can prepare;
        // Bybit
        // answers nothing, so funding reads "no data". The captures hold no liquidations and no OKX trades: the
        // simulators refuse those subscriptions, as a venue without the data would, so the guards read the venues as
        // not connected (liq_events_5m unknown: a breach) instead of "connected, and not one liquidation".
        for (Venue venue : List.of(Venue.OKX_USDT, Venue.OKX_USDC)) {
            Optional<Listing> swap = instrument.listing(venue);
            if (swap.isPresent()) {
                sims.okx()
                        .instrument(okxRow(OkxWire.linearSwap(
                                swap.get().symbol(), "1", swap.get().quote())));
            }
        }
        sims.binance().refuseSubscriptions(true);
        sims.okx().refuseSubscriptions(true);
        sims.bybit().refuseSubscriptions(true);
        sims.velocity().dlob().refuseSubscriptions(true);
        sims.velocity().dlob().rest().failNext(VelocityDlobSimulator.L2, Integer.MAX_VALUE, NO_CAPTURE);
        sims.velocity().data().rest().failNext(VelocityDataApiSimulator.FUNDING_RATES, Integer.MAX_VALUE, NO_CAPTURE);
        LOG.info("replay: the captures hold no liquidations, OKX trades, Bybit or Velocity data; those are refused");
        if (!instrument.has(Venue.BINANCE)) {
            return List.of();
        }
        String binance = instrument.symbol(Venue.BINANCE);
        ReplayAggTradeTape trades =
                new ReplayAggTradeTape(binance, capture(options, "binance/aggTrade_SUSHIUSDT_combined.jsonl"), now);
        ReplayDepthTape depth =
                new ReplayDepthTape(binance, capture(options, "binance/depth_sync_timeline_SUSHIUSDT.jsonl"), now);
        sims.binance().depthSnapshot(binance, () -> depth.book().snapshot(1000, System.currentTimeMillis()));
        return List.of(
                new TapePlayer("binance-trades-" + instrument.canonical(), trades, sims.binance()::publish).start(),
                new TapePlayer("binance-depth-" + instrument.canonical(), depth, sims.binance()::publish).start());
    }

    private static ObjectNode okxRow(String json) throws IOException {
        return (ObjectNode) new ObjectMapper().readTree(json);
    }

    private static List<String> capture(LocalCloudOptions options, String relative) throws IOException {
        var file = options.fixtures().resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IOException("replay needs the recorded messages at " + file.toAbsolutePath()
                    + " (shared/fixtures beside the repository); pass --fixtures=DIR or use --mode=synthetic");
        }
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    }

    static final String ARCHIVE_BUCKET = "perpwatch-archive";
    static final String LOG_STREAM = "perpwatch-events";

    /**
     * The durable log and the archive, as in the cloud: kinesis-local for Kinesis, S3Proxy for S3, and the archiver
     * on timers. Needs the emulator installed (./perpwatch does it); without it, or with PERPWATCH_DURABLE_LOG set,
     * the feeds and the webhook run as told and the archive stays off.
     */
    private Map<String, String> startArchive(Env env, String redisUrl) throws Exception {
        String asked = env.string("PERPWATCH_DURABLE_LOG", null);
        var main = LocalKinesis.installed(Path.of("").toAbsolutePath());
        if (asked != null || main.isEmpty()) {
            LOG.warn(
                    "durable log and archive off: {}",
                    asked != null
                            ? "PERPWATCH_DURABLE_LOG=" + asked
                            : "tools/kinesis-local is not installed (./perpwatch local installs it)");
            return Map.of("PERPWATCH_DURABLE_LOG", asked == null ? "off" : asked);
        }
        LocalKinesis kinesis = LocalKinesis.start(main.get(), LOG_STREAM, Path.of("target", "local-cloud"));
        running.add(kinesis);
        KinesisConfig config = new KinesisConfig(LOG_STREAM, Optional.of(kinesis.endpoint()), "us-east-1");
        KinesisClient client = KinesisClients.create(config);
        running.add(client);
        awaitActive(client);
        LocalS3 s3 = LocalS3.start(ARCHIVE_BUCKET);
        running.add(s3);
        S3ArchiveStore store = S3ArchiveStore.create(
                ARCHIVE_BUCKET,
                "us-east-1",
                Optional.of(s3.endpoint()),
                Optional.of(AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.ACCESS_KEY)));
        running.add(store);
        archiveStore = store;
        running.add(new LocalArchiver(new KinesisLogReader(client, LOG_STREAM), store).start());
        // Webhook events the API logged while Redis was down reach Redis from the log (see DriftEventsCatchUp).
        RedisStreams catchUpRedis =
                new RedisStreams(RedisConfig.fromEnv(env.with(Map.of("PERPWATCH_REDIS_URL", redisUrl))));
        running.add(catchUpRedis);
        running.add(new LocalDriftCatchUp(
                        new KinesisLogReader(client, LOG_STREAM),
                        catchUpRedis,
                        WebhookConfig.fromEnv(env).dedupeTtl())
                .start());
        archiveEndpoint = s3.endpoint() + "/" + ARCHIVE_BUCKET;
        LOG.info("durable log: kinesis-local at {}; archive: S3 at {}", kinesis.endpoint(), archiveEndpoint);
        return Map.of(
                "PERPWATCH_DURABLE_LOG",
                "kinesis",
                "PERPWATCH_KINESIS_ENDPOINT",
                kinesisRoute.apply(kinesis.endpoint()).toString(),
                "PERPWATCH_KINESIS_STREAM",
                LOG_STREAM,
                "PERPWATCH_ARCHIVE_BUCKET",
                ARCHIVE_BUCKET,
                "PERPWATCH_S3_ENDPOINT",
                s3.endpoint().toString());
    }

    private static void awaitActive(KinesisClient client) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (client.describeStreamSummary(b -> b.streamName(LOG_STREAM))
                                .streamDescriptionSummary()
                                .streamStatus()
                        == StreamStatus.ACTIVE) {
                    return;
                }
            } catch (RuntimeException e) {
                // not up yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(
                "kinesis-local did not come up within 60 s (see target/local-cloud/kinesis-local.log)");
    }

    private String archiveEndpoint;

    public Optional<String> archiveEndpoint() {
        return Optional.ofNullable(archiveEndpoint);
    }

    /** The webhook secret: the operator's, or a fixed local one the banner prints (it guards nothing real). */
    public static String heliusAuth(Env env) {
        return env.string("PERPWATCH_HELIUS_AUTH", LOCAL_HELIUS_AUTH);
    }

    static final String LOCAL_HELIUS_AUTH = "Bearer perpwatch-local";

    public String apiUrl() {
        return apiUrl;
    }

    public List<FeedTask> feeds() {
        return List.copyOf(feeds);
    }

    /** The synthetic market driver of each instrument (empty in replay and live modes). */
    public List<SyntheticVenueDriver> markets() {
        return List.copyOf(markets);
    }

    /** The venue simulators (null in live mode). */
    public Simulators simulators() {
        return simulators;
    }

    /** The embedded Redis, when this cloud started one (not when PERPWATCH_REDIS_URL names another). */
    public Optional<LocalRedis> redis() {
        return Optional.ofNullable(redis);
    }

    public Optional<S3ArchiveStore> archiveStore() {
        return Optional.ofNullable(archiveStore);
    }

    /**
     * Sends the feeds' and the webhook's durable-log traffic through another endpoint (a fault-injecting proxy in
     * the hardening harness); the archiver still reads the emulator directly. Call before {@link #start}.
     */
    public void routeKinesis(UnaryOperator<URI> route) {
        this.kinesisRoute = route;
    }

    @Override
    public void close() {
        feeds.forEach(FeedTask::close);
        feeds.clear();
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                LOG.warn("while stopping: {}", e.toString());
            }
        }
        running.clear();
    }
}
