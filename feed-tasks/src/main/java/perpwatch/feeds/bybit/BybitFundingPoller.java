package perpwatch.feeds.bybit;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.calc.FundingRates;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.instrument.Venue;
import perpwatch.core.model.FundingSnapshot;
import perpwatch.core.model.FundingSnapshotCodec;
import perpwatch.core.model.SettledFunding;
import perpwatch.core.model.SettledFundingCodec;
import perpwatch.core.redis.BufferedStreamWriter;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.redis.StoreUnavailableException;
import perpwatch.core.stream.MalformedRecordException;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.stream.StreamKeys;
import perpwatch.feeds.FeedTask;
import perpwatch.feeds.concurrent.DaemonThreads;
import perpwatch.feeds.http.RestCallException;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.metrics.LogSampler;
import perpwatch.feeds.metrics.PollCounter;
import perpwatch.feeds.ws.Backoff;

/**
 * {@code bybit-funding}: every poll interval, Bybit's open interest, mark price, funding rate and funding interval
 * → one {@link FundingSnapshot} on {@code market:<sym>usdt:funding}. A poll that cannot get all three answers
 * (after its retries) writes nothing: a missing sample reads as stale downstream, a zero would read as calm. At
 * start-up and after each settlement it also reads the settled prints ({@code /v5/market/funding/history}) onto
 * {@code market:<sym>usdt:funding_settled}, one entry per settlement time ({@link SettledFundingTracker}).
 */
public final class BybitFundingPoller implements FeedTask {
    private static final Logger LOG = LoggerFactory.getLogger(BybitFundingPoller.class);
    private static final Duration INTERVAL_REFRESH = Duration.ofHours(1);

    private final String name;
    private final String symbol;
    private final StreamKey key;
    private final StreamKey settledKey;
    private final SettledFundingTracker settled;
    private final BybitMarketRestClient client;
    private final BufferedStreamWriter writer;
    private final RedisStreams redis;
    private final Duration every;
    private final int attempts;
    private final Backoff backoff;
    private final LongSupplier clock;
    private final FeedCounters counters = new FeedCounters();
    private final ScheduledExecutorService scheduler;
    private Integer intervalHours;
    private long intervalReadAt;

    /**
     * @param attempts tries per call within one poll (first try included)
     * @param backoff  waits between those tries; a rate-limit answer waits the longer of it and the venue's hint
     */
    public BybitFundingPoller(
            Instrument instrument,
            BybitMarketRestClient client,
            BufferedStreamWriter writer,
            RedisStreams redis,
            Duration every,
            int attempts,
            Backoff backoff,
            LongSupplier clock) {
        this.name = "bybit-funding:" + instrument.canonical();
        this.symbol = instrument.symbol(Venue.BYBIT);
        this.key = StreamKeys.funding(instrument);
        this.settledKey = StreamKeys.fundingSettled(instrument);
        this.settled = new SettledFundingTracker(settledKey);
        this.client = client;
        this.writer = writer;
        this.redis = redis;
        this.every = every;
        this.attempts = attempts;
        this.backoff = backoff;
        this.clock = clock;
        this.scheduler = DaemonThreads.singleScheduler(name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start() {
        scheduler.scheduleAtFixedRate(this::pollSafely, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pollSafely() {
        try {
            pollOnce();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            counters.increment(PollCounter.POLL_BUGS);
            LOG.error("[{}] poll failed unexpectedly", name, e);
        }
    }

    /** One poll; true when a snapshot was written (or queued for Redis). */
    public boolean pollOnce() throws InterruptedException {
        counters.increment(PollCounter.POLLS);
        writer.flush();
        FundingSnapshot snapshot;
        try {
            int hours = fundingIntervalHours();
            BybitMarketRestClient.OpenInterest oi = withRetries("open-interest", () -> client.openInterest(symbol));
            BybitMarketRestClient.Ticker ticker = withRetries("tickers", () -> client.ticker(symbol));
            long now = clock.getAsLong();
            BigDecimal mark = ticker.markPrice();
            // One side is the convention (Binance, Coinglass). Without Bybit's one-sided figure there is no
            // oi_notional: halving the two-sided one would be a guess, and a guard reads a missing value as unknown.
            BigDecimal oneSided = oi.oneSided().map(q -> q.multiply(mark)).orElse(null);
            if (oneSided == null) {
                long n = counters.incrementAndGet(PollCounter.OI_ONE_SIDED_MISSING);
                if (LogSampler.shouldLog(n)) {
                    LOG.warn(
                            "[{}] Bybit gave no singleOpenInterest (#{}): oi_notional left out, two-sided figure kept",
                            name,
                            n);
                }
            }
            snapshot = new FundingSnapshot(
                    symbol,
                    oneSided,
                    oi.twoSided().multiply(mark),
                    ticker.fundingRate(),
                    FundingRates.eightHourRate(ticker.fundingRate(), hours),
                    hours,
                    FundingRates.aprPercent(ticker.fundingRate(), hours),
                    ticker.nextFundingTime(),
                    mark,
                    ticker.time(),
                    now,
                    oi.timestamp());
        } catch (RestCallException e) {
            counters.increment(PollCounter.FAILED_POLLS);
            LOG.warn("[{}] poll failed after retries, nothing written: {}", name, e.getMessage());
            return false;
        }
        counters.increment(PollCounter.SNAPSHOTS);
        writer.write(key, FundingSnapshotCodec.INSTANCE.encode(snapshot));
        pollSettled(snapshot.nextFundingTime(), snapshot.fundingIntervalH());
        return true;
    }

    /** The settled prints, when due; a failure is counted and asked again at the next poll. */
    private void pollSettled(long nextFundingTime, int hours) throws InterruptedException {
        long now = clock.getAsLong();
        if (!settled.due(now)) {
            return;
        }
        try {
            settled.loadStored(redis);
            List<BybitMarketRestClient.SettledRate> fetched =
                    withRetries("funding/history", () -> client.fundingHistory(symbol, settled.limit()));
            for (BybitMarketRestClient.SettledRate rate : settled.accept(fetched, nextFundingTime)) {
                // The interval in force now: Bybit's history does not say which interval a past print was for.
                writer.write(
                        settledKey,
                        SettledFundingCodec.INSTANCE.encode(new SettledFunding(
                                symbol,
                                rate.fundingRate(),
                                FundingRates.eightHourRate(rate.fundingRate(), hours),
                                hours,
                                FundingRates.aprPercent(rate.fundingRate(), hours),
                                rate.timestamp(),
                                now)));
                counters.increment(PollCounter.SETTLED_PRINTS);
            }
        } catch (RestCallException e) {
            counters.increment(PollCounter.FAILED_SETTLED_POLLS);
            LOG.warn("[{}] settled funding not read, asking again next poll: {}", name, e.getMessage());
        } catch (StoreUnavailableException | MalformedRecordException e) {
            // Without the newest stored print, a write could repeat one: nothing is written until it can be read.
            counters.increment(PollCounter.FAILED_SETTLED_POLLS);
            LOG.warn("[{}] newest settled print unreadable, asking again next poll: {}", name, e.getMessage());
        }
    }

    private int fundingIntervalHours() throws RestCallException, InterruptedException {
        long now = clock.getAsLong();
        if (intervalHours == null || now - intervalReadAt >= INTERVAL_REFRESH.toMillis()) {
            int hours = withRetries("instruments-info", () -> client.fundingIntervalHours(symbol));
            if (intervalHours != null && intervalHours != hours) {
                LOG.warn("[{}] Bybit changed the funding interval: {} h → {} h", name, intervalHours, hours);
            }
            intervalHours = hours;
            intervalReadAt = now;
        }
        return intervalHours;
    }

    /** One REST call that may fail. */
    private interface Call<T> {
        T run() throws RestCallException, InterruptedException;
    }

    private <T> T withRetries(String what, Call<T> call) throws RestCallException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (BybitMarketRestClient.MalformedAnswerException e) {
                counters.increment(PollCounter.MALFORMED);
                retryOrThrow(what, attempt, e);
            } catch (RestCallException e) {
                counters.increment(e.rateLimited() ? PollCounter.RATE_LIMITED : PollCounter.ERRORS);
                retryOrThrow(what, attempt, e);
            }
        }
    }

    private void retryOrThrow(String what, int attempt, RestCallException e)
            throws RestCallException, InterruptedException {
        if (attempt >= attempts) {
            throw e;
        }
        long waitMs = backoff.delay(attempt, Math::random).toMillis();
        if (e.rateLimited()) {
            waitMs = Math.max(waitMs * 4, e.retryAfter().map(Duration::toMillis).orElse(0L));
        }
        counters.increment(PollCounter.RETRIES);
        LOG.warn(
                "[{}] {} failed (attempt {}/{}), retrying in {} ms: {}",
                name,
                what,
                attempt,
                attempts,
                waitMs,
                e.getMessage());
        Thread.sleep(waitMs);
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> all = new TreeMap<>(counters.snapshot());
        writer.describe(all);
        return all;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        writer.close();
    }
}
