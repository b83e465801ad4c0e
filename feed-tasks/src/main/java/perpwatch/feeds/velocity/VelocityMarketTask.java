package perpwatch.feeds.velocity;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.instrument.Instrument;
import perpwatch.core.instrument.Venue;
import perpwatch.core.model.BookTop;
import perpwatch.core.model.BookTopCodec;
import perpwatch.core.model.OracleReading;
import perpwatch.core.model.OracleReadingCodec;
import perpwatch.core.model.SettledFunding;
import perpwatch.core.model.SettledFundingCodec;
import perpwatch.core.redis.BufferedStreamWriter;
import perpwatch.core.stream.FeedLink;
import perpwatch.core.stream.StreamKey;
import perpwatch.core.stream.StreamKeys;
import perpwatch.feeds.concurrent.DaemonThreads;
import perpwatch.feeds.http.HttpAnswer;
import perpwatch.feeds.http.RestGetter;
import perpwatch.feeds.metrics.BookCounter;
import perpwatch.feeds.metrics.LinkCounter;
import perpwatch.feeds.metrics.LogSampler;
import perpwatch.feeds.metrics.PollCounter;
import perpwatch.feeds.onchain.ProgramProfile;
import perpwatch.feeds.solana.SolanaRpcClient;
import perpwatch.feeds.task.FeedLoop;
import perpwatch.feeds.task.StreamingFeedTask;
import perpwatch.feeds.throttle.ChangeThrottle;
import perpwatch.feeds.ws.ReconnectPolicy;

/**
 * {@code velocity-market}: Velocity's book for one perp market from the DLOB WebSocket, seeded from (and, while the
 * socket brings no book, replaced by) the HTTP L2 poll, published as the Binance book's fields on
 * {@code velocity:<market>:book} at most once a second on change; and its last settled funding from the data API's
 * {@code fundingRates} on {@code velocity:<market>:funding}, one entry per settlement; and, when a Solana node is
 * configured, every read of the market's oracle account with the node's slot on {@code velocity:<market>:oracle}.
 *
 * <p>Both book paths go through one {@link DlobBookCheck}, so a book from an older slot than one already seen is
 * refused whichever path brought it. Every refused answer is counted by input and {@link Rejection}, its log
 * sampled, and publishes nothing: the last good entry ages and the guards read it as stale, never a guess.
 *
 * <p>Threads: the socket loop delivers pushes, the poller makes the HTTP calls, the oracle thread the RPC calls (its
 * own, so a slow node never holds back the book's fallback), the ticker writes Redis. They meet under this object's
 * lock; Redis is written by the ticker only.
 */
public final class VelocityMarketTask extends StreamingFeedTask {
    private static final Logger LOG = LoggerFactory.getLogger(VelocityMarketTask.class);
    /** "Depth within 10 bps", as the Binance book. */
    private static final int BAND_BPS = 10;

    private final String marketName;
    private final StreamKey bookKey;
    private final StreamKey fundingKey;
    private final StreamKey oracleKey;
    private final VelocityEndpoints endpoints;
    private final VelocityMarketSettings settings;
    private final RestGetter http;
    private final DlobBookCheck check = new DlobBookCheck(BAND_BPS);
    private final DlobL2Answer l2Answer = new DlobL2Answer();
    private final FundingRatesAnswer fundingAnswer = new FundingRatesAnswer();
    private final ChangeThrottle<BookTop> throttle;
    private final FeedLoop<DlobFrame> loop;
    private final ScheduledExecutorService poller;
    private final Optional<MarketOracleReader> oracle;
    private final ScheduledExecutorService oraclePoller;
    private long lastWsBookAt = Long.MIN_VALUE / 2;
    private long lastL2PollAt = Long.MIN_VALUE / 2;
    private long lastFundingPollAt = Long.MIN_VALUE / 2;
    private long lastFundingTs;
    private SettledFunding pendingFunding;
    private OracleReading pendingOracle;
    /** A book the throttle released on offer, for the ticker to write: only the ticker writes Redis. */
    private ChangeThrottle.Release<BookTop> releasedBook;

    /**
     * @param oracleRpc the Solana node the oracle is read from; empty when none is configured, and then the oracle
     *                  stream stays empty and the guards read its metrics as unknown, saying why
     */
    public VelocityMarketTask(
            Instrument instrument,
            VelocityEndpoints endpoints,
            ReconnectPolicy policy,
            VelocityMarketSettings settings,
            Duration httpTimeout,
            Optional<SolanaRpcClient> oracleRpc,
            BufferedStreamWriter writer,
            LongSupplier clock) {
        super("velocity-market:" + instrument.canonical(), writer, clock, Duration.ofMillis(250));
        this.marketName = instrument.symbol(Venue.VELOCITY);
        this.bookKey = StreamKeys.velocityBook(instrument);
        this.fundingKey = StreamKeys.velocityFunding(instrument);
        this.oracleKey = StreamKeys.velocityOracle(instrument);
        this.endpoints = endpoints;
        this.settings = settings;
        this.http = new RestGetter(httpTimeout);
        long publishMs = settings.publishEvery().toMillis();
        this.throttle = new ChangeThrottle<>(publishMs, publishMs, VelocityMarketTask::publishedView);
        this.loop = connect(
                new FeedLink("velocity-market", "velocity"),
                endpoints.dlobWs(),
                policy,
                new DlobStream(marketName, instrument.velocityMarket(), counters, this::onBook));
        this.poller = DaemonThreads.singleScheduler(name + "-poll");
        // Velocity's markets live in Velocity's program whichever program the liquidation map scans.
        this.oracle = oracleRpc.map(rpc ->
                new MarketOracleReader(rpc, ProgramProfile.VELOCITY, instrument.velocityMarket(), marketName, clock));
        this.oraclePoller = DaemonThreads.singleScheduler(name + "-oracle");
    }

    @Override
    protected void started() {
        counters.increment(LinkCounter.STARTED);
        poller.scheduleWithFixedDelay(this::pollSafely, 0, 1, TimeUnit.SECONDS);
        if (oracle.isPresent()) {
            long every = settings.oraclePoll().toMillis();
            oraclePoller.scheduleWithFixedDelay(this::readOracleSafely, 0, every, TimeUnit.MILLISECONDS);
        } else {
            LOG.warn(
                    "[{}] no Solana node configured: {} stays empty and velocity_oracle_age_slots and"
                            + " velocity_mark_oracle_bps read unknown",
                    name,
                    oracleKey.name());
        }
    }

    private void readOracleSafely() {
        try {
            counters.increment(PollCounter.POLLS);
            Outcome<OracleReading> outcome = oracle.orElseThrow().read();
            if (outcome instanceof Outcome.Accepted<OracleReading> accepted) {
                synchronized (this) {
                    pendingOracle = accepted.value();
                }
            } else {
                rejected(VelocityInput.ORACLE, (Outcome.Rejected<OracleReading>) outcome);
            }
        } catch (RuntimeException e) {
            counters.increment(PollCounter.POLL_BUGS);
            LOG.error("[{}] oracle read failed", name, e);
        }
    }

    /** One accepted DLOB document, from either path: the slot order, then the counted book, then the throttle. */
    private synchronized void onBook(DlobBook dlob, VelocityInput input, long recvMs) {
        if (input == VelocityInput.DLOB_WS) {
            lastWsBookAt = clock.getAsLong();
        }
        Outcome<BookTop> outcome = check.accept(dlob, recvMs);
        if (outcome instanceof Outcome.Rejected<BookTop> rejected) {
            // What the throttle holds no longer describes the book: nothing goes out until a good one comes.
            throttle.discard();
            releasedBook = null;
            rejected(input, rejected);
            return;
        }
        throttle.offer(((Outcome.Accepted<BookTop>) outcome).value(), clock.getAsLong())
                .ifPresent(release -> releasedBook = release);
    }

    private void pollSafely() {
        try {
            poll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            counters.increment(PollCounter.POLL_BUGS);
            LOG.error("[{}] poll failed", name, e);
        }
    }

    private void poll() throws InterruptedException {
        long now = clock.getAsLong();
        long fallbackMs = settings.l2Fallback().toMillis();
        boolean l2Due;
        boolean fundingDue;
        synchronized (this) {
            l2Due = now - lastWsBookAt >= fallbackMs && now - lastL2PollAt >= fallbackMs;
            fundingDue = now - lastFundingPollAt >= settings.fundingPoll().toMillis();
            if (l2Due) {
                lastL2PollAt = now;
            }
            if (fundingDue) {
                lastFundingPollAt = now;
            }
        }
        if (l2Due) {
            counters.increment(PollCounter.POLLS);
            HttpAnswer answer = http.answer(endpoints.l2(marketName));
            Outcome<DlobBook> outcome = l2Answer.parse(answer.status(), answer.body());
            if (outcome instanceof Outcome.Accepted<DlobBook> accepted) {
                onBook(accepted.value(), VelocityInput.DLOB_HTTP, clock.getAsLong());
            } else {
                rejected(VelocityInput.DLOB_HTTP, (Outcome.Rejected<DlobBook>) outcome);
            }
        }
        if (fundingDue) {
            counters.increment(PollCounter.POLLS);
            HttpAnswer answer = http.answer(endpoints.fundingRates(marketName));
            Outcome<SettledFunding> outcome =
                    fundingAnswer.parse(answer.status(), answer.body(), marketName, clock.getAsLong());
            if (outcome instanceof Outcome.Accepted<SettledFunding> accepted) {
                onFunding(accepted.value());
            } else {
                rejected(VelocityInput.FUNDING, (Outcome.Rejected<SettledFunding>) outcome);
            }
        }
    }

    /** One entry per settlement: a poll that finds the same last settlement writes nothing. */
    private synchronized void onFunding(SettledFunding funding) {
        if (funding.ts() > lastFundingTs) {
            lastFundingTs = funding.ts();
            pendingFunding = funding;
        }
    }

    private void rejected(VelocityInput input, Outcome.Rejected<?> rejected) {
        long n = counters.incrementAndGet(new RejectedInput(input, rejected.reason()));
        if (LogSampler.shouldLog(n)) {
            LOG.warn(
                    "[{}] {} refused ({} #{}): {}",
                    name,
                    input,
                    rejected.reason(),
                    n,
                    LogSampler.abbreviate(rejected.detail()));
        }
    }

    @Override
    protected void onTick(long now) {
        Optional<ChangeThrottle.Release<BookTop>> release;
        SettledFunding funding;
        OracleReading oracleReading;
        synchronized (this) {
            release = releasedBook != null ? Optional.of(releasedBook) : throttle.poll(now);
            releasedBook = null;
            funding = pendingFunding;
            pendingFunding = null;
            oracleReading = pendingOracle;
            pendingOracle = null;
        }
        release.ifPresent(r -> {
            counters.increment(BookCounter.PUBLISHED);
            if (r.reason() == ChangeThrottle.Reason.KEEPALIVE) {
                counters.increment(BookCounter.PUBLISHED_KEEPALIVE);
            }
            writer.write(bookKey, BookTopCodec.INSTANCE.encode(r.value()));
        });
        if (funding != null) {
            counters.increment(PollCounter.SETTLED_PRINTS);
            writer.write(fundingKey, SettledFundingCodec.INSTANCE.encode(funding));
        }
        if (oracleReading != null) {
            writer.write(oracleKey, OracleReadingCodec.INSTANCE.encode(oracleReading));
        }
    }

    /** What a reader sees of a book entry, less its timestamps: "changed" means this changed. */
    private static Map<String, String> publishedView(BookTop top) {
        Map<String, String> fields = new HashMap<>(BookTopCodec.INSTANCE.encode(top));
        fields.remove("ts");
        fields.remove("recv_ts");
        return fields;
    }

    /** Drops the DLOB connection (operators, tests); the loop reconnects and subscribes again. */
    public void dropConnection() {
        loop.dropConnection();
    }

    @Override
    protected void describe(Map<String, Long> all) {
        super.describe(all);
        synchronized (this) {
            all.put("last_slot", Math.max(0, check.lastSlot()));
        }
    }

    @Override
    protected void closing() {
        poller.shutdownNow();
        oraclePoller.shutdownNow();
    }
}
