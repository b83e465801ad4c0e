package perpwatch.feeds;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import perpwatch.core.config.Env;
import perpwatch.core.instrument.InstrumentRegistry;
import perpwatch.core.kinesis.DurableLogMode;
import perpwatch.core.kinesis.KinesisConfig;
import perpwatch.core.redis.RedisConfig;
import perpwatch.feeds.binance.BinanceEndpoints;
import perpwatch.feeds.binance.book.BookSettings;
import perpwatch.feeds.bybit.BybitEndpoints;
import perpwatch.feeds.okx.OkxEndpoints;
import perpwatch.feeds.onchain.ProgramProfile;
import perpwatch.feeds.onchain.scan.ArchiveTarget;
import perpwatch.feeds.solana.SolanaRpcConfig;
import perpwatch.feeds.velocity.VelocityEndpoints;
import perpwatch.feeds.velocity.VelocityMarketSettings;
import perpwatch.feeds.ws.ReconnectPolicy;

/**
 * Everything the feed tasks read from the environment, with its default.
 *
 * @param barCloseSilence     {@code PERPWATCH_BAR_CLOSE_SILENCE} (10s; the older {@code PERPWATCH_BAR_CLOSE_GRACE} is
 * read
 *                            when the new name is unset): how long after a minute ends a quiet market's bar waits for
 *                            stragglers and missing ids; a trade of a later minute closes it sooner
 * @param binanceMaxConnAge   {@code PERPWATCH_BINANCE_MAX_CONN_AGE} (23h50m as 1430m): rotate before Binance's 24 h
 * cut-off
 * @param redisBacklog        {@code PERPWATCH_REDIS_BACKLOG} (100000): records held for Redis during an outage
 * @param fundingPoll         {@code PERPWATCH_FUNDING_POLL} (60s): Bybit open interest and funding poll interval
 * @param restTimeout         {@code PERPWATCH_REST_TIMEOUT} (10s): any venue REST call
 * @param durableLog          {@code PERPWATCH_DURABLE_LOG} ({@link DurableLogMode}; {@code kinesis} by default): every
 *                            record also goes to the Kinesis log the archive is built from; empty when {@code off}
 * @param logBacklog          {@code PERPWATCH_LOG_BACKLOG} (200000): records held for Kinesis during an outage
 * @param solana              Solana JSON-RPC for the Drift scan ({@link SolanaRpcConfig})
 * @param driftScanInterval   {@code PERPWATCH_DRIFT_SCAN_INTERVAL} (1h): time between Drift liquidation-map scans
 * @param liqMapArchive       where Drift scans are archived as Parquet ({@link ArchiveTarget}; unset: Redis only)
 * @param onchainProgram      {@code PERPWATCH_ONCHAIN_PROGRAM} ({@code velocity}; or {@code drift-v2}): the program the
 *                            liquidation map scans, with its ids, layouts and hosts
 * @param onchainDataApi      {@code PERPWATCH_ONCHAIN_DATA_API} (the profile's data API; the older
 *                            {@code PERPWATCH_DRIFT_DATA_API} is still read): funding rates for the map, optional
 * @param book                the binance-book task's tuning, its publication cadence from the environment ({@link
 * BookSettings})
 * @param velocity            the velocity-market task's base URLs ({@link VelocityEndpoints}, configuration)
 * @param velocityMarket      the velocity-market task's cadences ({@link VelocityMarketSettings})
 */
public record FeedConfig(
        RedisConfig redis,
        InstrumentRegistry instruments,
        BinanceEndpoints binance,
        OkxEndpoints okx,
        BybitEndpoints bybit,
        ReconnectPolicy reconnect,
        Duration barCloseSilence,
        Duration binanceMaxConnAge,
        int redisBacklog,
        Duration fundingPoll,
        Duration restTimeout,
        Optional<KinesisConfig> durableLog,
        int logBacklog,
        SolanaRpcConfig solana,
        Duration driftScanInterval,
        Optional<ArchiveTarget> liqMapArchive,
        ProgramProfile onchainProgram,
        String onchainDataApi,
        BookSettings book,
        VelocityEndpoints velocity,
        VelocityMarketSettings velocityMarket) {

    public static FeedConfig fromEnv(Env env) {
        ProgramProfile program =
                ProgramProfile.parse(env.string("PERPWATCH_ONCHAIN_PROGRAM", ProgramProfile.VELOCITY.configName()));
        return builder()
                .redis(RedisConfig.fromEnv(env))
                .instruments(InstrumentRegistry.fromEnv(env))
                .binance(BinanceEndpoints.fromEnv(env))
                .okx(OkxEndpoints.fromEnv(env))
                .bybit(BybitEndpoints.fromEnv(env))
                .reconnect(ReconnectPolicy.fromEnv(env))
                .barCloseSilence(env.duration(
                        "PERPWATCH_BAR_CLOSE_SILENCE",
                        env.duration("PERPWATCH_BAR_CLOSE_GRACE", Duration.ofSeconds(10))))
                .binanceMaxConnAge(env.duration("PERPWATCH_BINANCE_MAX_CONN_AGE", Duration.ofMinutes(23 * 60 + 50)))
                .redisBacklog(env.integer("PERPWATCH_REDIS_BACKLOG", 100_000))
                .fundingPoll(env.duration("PERPWATCH_FUNDING_POLL", Duration.ofSeconds(60)))
                .restTimeout(env.duration("PERPWATCH_REST_TIMEOUT", Duration.ofSeconds(10)))
                .durableLog(DurableLogMode.configFromEnv(env))
                .logBacklog(env.integer("PERPWATCH_LOG_BACKLOG", 200_000))
                .solana(SolanaRpcConfig.fromEnv(env))
                .driftScanInterval(env.duration("PERPWATCH_DRIFT_SCAN_INTERVAL", Duration.ofHours(1)))
                .liqMapArchive(ArchiveTarget.fromEnv(env))
                .onchainProgram(program)
                .onchainDataApi(env.string(
                        "PERPWATCH_ONCHAIN_DATA_API", env.string("PERPWATCH_DRIFT_DATA_API", program.dataApi())))
                .book(BookSettings.fromEnv(env))
                .velocity(VelocityEndpoints.fromEnv(env))
                .velocityMarket(VelocityMarketSettings.fromEnv(env))
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Named construction: nineteen parts, seven of them durations or counts, are too many to pass positionally without
     * swapping two that compile either way. Every part is required except the two optional ones (empty by default).
     */
    public static final class Builder {
        private RedisConfig redis;
        private InstrumentRegistry instruments;
        private BinanceEndpoints binance;
        private OkxEndpoints okx;
        private BybitEndpoints bybit;
        private ReconnectPolicy reconnect;
        private Duration barCloseSilence;
        private Duration binanceMaxConnAge;
        private Integer redisBacklog; // boxed: unset is null, not a silent 0
        private Duration fundingPoll;
        private Duration restTimeout;
        private Optional<KinesisConfig> durableLog = Optional.empty();
        private Integer logBacklog; // boxed: unset is null, not a silent 0
        private SolanaRpcConfig solana;
        private Duration driftScanInterval;
        private Optional<ArchiveTarget> liqMapArchive = Optional.empty();
        private ProgramProfile onchainProgram;
        private String onchainDataApi;
        private BookSettings book;
        // Defaulted like an empty environment: only the velocity-market task reads them.
        private VelocityEndpoints velocity = VelocityEndpoints.fromEnv(Env.of(Map.of()));
        private VelocityMarketSettings velocityMarket = VelocityMarketSettings.fromEnv(Env.of(Map.of()));

        private Builder() {}

        public Builder redis(RedisConfig redis) {
            this.redis = redis;
            return this;
        }

        public Builder instruments(InstrumentRegistry instruments) {
            this.instruments = instruments;
            return this;
        }

        public Builder binance(BinanceEndpoints binance) {
            this.binance = binance;
            return this;
        }

        public Builder okx(OkxEndpoints okx) {
            this.okx = okx;
            return this;
        }

        public Builder bybit(BybitEndpoints bybit) {
            this.bybit = bybit;
            return this;
        }

        public Builder reconnect(ReconnectPolicy reconnect) {
            this.reconnect = reconnect;
            return this;
        }

        public Builder barCloseSilence(Duration barCloseSilence) {
            this.barCloseSilence = barCloseSilence;
            return this;
        }

        public Builder binanceMaxConnAge(Duration binanceMaxConnAge) {
            this.binanceMaxConnAge = binanceMaxConnAge;
            return this;
        }

        public Builder redisBacklog(int redisBacklog) {
            this.redisBacklog = redisBacklog;
            return this;
        }

        public Builder fundingPoll(Duration fundingPoll) {
            this.fundingPoll = fundingPoll;
            return this;
        }

        public Builder restTimeout(Duration restTimeout) {
            this.restTimeout = restTimeout;
            return this;
        }

        public Builder durableLog(Optional<KinesisConfig> durableLog) {
            this.durableLog = durableLog;
            return this;
        }

        public Builder logBacklog(int logBacklog) {
            this.logBacklog = logBacklog;
            return this;
        }

        public Builder solana(SolanaRpcConfig solana) {
            this.solana = solana;
            return this;
        }

        public Builder driftScanInterval(Duration driftScanInterval) {
            this.driftScanInterval = driftScanInterval;
            return this;
        }

        public Builder liqMapArchive(Optional<ArchiveTarget> liqMapArchive) {
            this.liqMapArchive = liqMapArchive;
            return this;
        }

        public Builder onchainProgram(ProgramProfile onchainProgram) {
            this.onchainProgram = onchainProgram;
            return this;
        }

        public Builder onchainDataApi(String onchainDataApi) {
            this.onchainDataApi = onchainDataApi;
            return this;
        }

        public Builder book(BookSettings book) {
            this.book = book;
            return this;
        }

        public Builder velocity(VelocityEndpoints velocity) {
            this.velocity = velocity;
            return this;
        }

        public Builder velocityMarket(VelocityMarketSettings velocityMarket) {
            this.velocityMarket = velocityMarket;
            return this;
        }

        public FeedConfig build() {
            require(redis, "redis");
            require(instruments, "instruments");
            require(binance, "binance");
            require(okx, "okx");
            require(bybit, "bybit");
            require(reconnect, "reconnect");
            require(barCloseSilence, "barCloseSilence");
            require(binanceMaxConnAge, "binanceMaxConnAge");
            require(fundingPoll, "fundingPoll");
            require(restTimeout, "restTimeout");
            require(solana, "solana");
            require(driftScanInterval, "driftScanInterval");
            require(onchainProgram, "onchainProgram");
            require(onchainDataApi, "onchainDataApi");
            require(book, "book");
            require(redisBacklog, "redisBacklog");
            require(logBacklog, "logBacklog");
            return new FeedConfig(
                    redis,
                    instruments,
                    binance,
                    okx,
                    bybit,
                    reconnect,
                    barCloseSilence,
                    binanceMaxConnAge,
                    redisBacklog,
                    fundingPoll,
                    restTimeout,
                    durableLog,
                    logBacklog,
                    solana,
                    driftScanInterval,
                    liqMapArchive,
                    onchainProgram,
                    onchainDataApi,
                    book,
                    velocity,
                    velocityMarket);
        }

        private static void require(Object part, String name) {
            if (part == null) {
                throw new IllegalStateException("FeedConfig." + name + " is not set");
            }
        }
    }
}
