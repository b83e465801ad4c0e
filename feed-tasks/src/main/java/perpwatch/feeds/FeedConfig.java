package perpwatch.feeds;

import java.time.Duration;
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
import perpwatch.feeds.ws.ReconnectPolicy;

/**
 * Everything the feed tasks read from the environment, with its default.
 *
 * @param barCloseSilence     {@code PERPWATCH_BAR_CLOSE_SILENCE} (10s; the older {@code PERPWATCH_BAR_CLOSE_GRACE} is read
 *                            when the new name is unset): how long after a minute ends a quiet market's bar waits for
 *                            stragglers and missing ids; a trade of a later minute closes it sooner
 * @param binanceMaxConnAge   {@code PERPWATCH_BINANCE_MAX_CONN_AGE} (23h50m as 1430m): rotate before Binance's 24 h cut-off
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
 * @param book                the binance-book task's tuning, its publication cadence from the environment ({@link BookSettings})
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
        BookSettings book) {

    public static FeedConfig fromEnv(Env env) {
        ProgramProfile program =
                ProgramProfile.parse(env.string("PERPWATCH_ONCHAIN_PROGRAM", ProgramProfile.VELOCITY.configName()));
        return new FeedConfig(
                RedisConfig.fromEnv(env),
                InstrumentRegistry.fromEnv(env),
                BinanceEndpoints.fromEnv(env),
                OkxEndpoints.fromEnv(env),
                BybitEndpoints.fromEnv(env),
                ReconnectPolicy.fromEnv(env),
                env.duration(
                        "PERPWATCH_BAR_CLOSE_SILENCE",
                        env.duration("PERPWATCH_BAR_CLOSE_GRACE", Duration.ofSeconds(10))),
                env.duration("PERPWATCH_BINANCE_MAX_CONN_AGE", Duration.ofMinutes(23 * 60 + 50)),
                env.integer("PERPWATCH_REDIS_BACKLOG", 100_000),
                env.duration("PERPWATCH_FUNDING_POLL", Duration.ofSeconds(60)),
                env.duration("PERPWATCH_REST_TIMEOUT", Duration.ofSeconds(10)),
                DurableLogMode.configFromEnv(env),
                env.integer("PERPWATCH_LOG_BACKLOG", 200_000),
                SolanaRpcConfig.fromEnv(env),
                env.duration("PERPWATCH_DRIFT_SCAN_INTERVAL", Duration.ofHours(1)),
                ArchiveTarget.fromEnv(env),
                program,
                env.string("PERPWATCH_ONCHAIN_DATA_API", env.string("PERPWATCH_DRIFT_DATA_API", program.dataApi())),
                BookSettings.fromEnv(env));
    }
}
