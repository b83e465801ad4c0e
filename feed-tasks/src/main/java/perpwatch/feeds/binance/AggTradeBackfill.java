package perpwatch.feeds.binance;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.model.Trade;
import perpwatch.feeds.http.RestCallException;
import perpwatch.feeds.http.RestGetter;
import perpwatch.feeds.metrics.BackfillCounter;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.parse.MalformedFrameException;
import perpwatch.feeds.ws.Backoff;

/**
 * Fetches missing aggregate trades from {@code GET /fapi/v1/aggTrades?symbol=…&fromId=…&limit=1000} on its own
 * thread, so a slow or rate-limited venue never stalls the stream or the bar clock.
 *
 * <p>Binance weighs this call at 20 of the 2400 a minute an IP gets; one page covers 1000 trades, so even a long
 * outage is caught up in a handful of calls. On 429 (over the limit) and 418 (banned for not backing off) it waits
 * what {@code Retry-After} says, else an exponential backoff; other failures back off the same way. It never gives
 * up on its own: the worker forgets gaps whose bars are no longer held.
 */
public final class AggTradeBackfill implements AutoCloseable {
    public static final int PAGE_LIMIT = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(AggTradeBackfill.class);

    /** The worker's side: what to fetch, and where the answer goes (both under the worker's lock). */
    public interface Sink {
        OptionalLong nextFetchFrom();

        /**
         * Trades of one page (maybe empty), oldest first, fetched from {@code fromId}; short page = nothing after
         * it.
         */
        void backfilled(long fromId, List<Trade> trades, boolean exhausted);
    }

    /** How the loop waits; tests record the waits instead of sleeping through them. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final String name;
    private final String restBase;
    private final String symbol;
    private final RestGetter rest;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final LongSupplier clock;
    private final FeedCounters counters;
    private final Sink sink;
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;

    public AggTradeBackfill(
            String name,
            String restBase,
            String symbol,
            RestGetter rest,
            Backoff backoff,
            Sleeper sleeper,
            LongSupplier clock,
            FeedCounters counters,
            Sink sink) {
        this.name = name;
        this.restBase = restBase;
        this.symbol = symbol;
        this.rest = rest;
        this.backoff = backoff;
        this.sleeper = sleeper;
        this.clock = clock;
        this.counters = counters;
        this.sink = sink;
        this.thread = new Thread(this::loop, name + "-backfill");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Something may be missing: look now rather than at the next periodic check. */
    public void wake() {
        wake.release();
    }

    URI page(long fromId) {
        return URI.create(
                restBase + "/fapi/v1/aggTrades?symbol=" + symbol + "&fromId=" + fromId + "&limit=" + PAGE_LIMIT);
    }

    private void loop() {
        int failures = 0;
        while (running) {
            try {
                OptionalLong from = sink.nextFetchFrom();
                if (from.isEmpty()) {
                    // Woken by the worker on a gap or reconnect; the timeout is a safety net, not the trigger.
                    wake.tryAcquire(1, TimeUnit.SECONDS);
                    wake.drainPermits();
                    continue;
                }
                counters.increment(BackfillCounter.BACKFILL_REQUESTS);
                String body = rest.get(page(from.getAsLong()));
                List<Trade> trades = BinanceAggTradesPage.parse(body, clock.getAsLong());
                counters.add(BackfillCounter.BACKFILL_FETCHED, trades.size());
                boolean exhausted = trades.size() < PAGE_LIMIT;
                sink.backfilled(from.getAsLong(), trades, exhausted);
                failures = 0;
                if (exhausted && sink.nextFetchFrom().equals(from)) {
                    // Caught up while the stream is still down: ask again when it is back (or in a second), not in a
                    // loop.
                    wake.tryAcquire(1, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RestCallException e) {
                failures++;
                Duration wait = e.rateLimited() && e.retryAfter().isPresent()
                        ? e.retryAfter().get()
                        : backoff.delay(failures, Math::random);
                counters.increment(
                        e.rateLimited() ? BackfillCounter.BACKFILL_RATE_LIMITED : BackfillCounter.BACKFILL_FAILURES);
                LOG.warn(
                        "[{}] aggTrades backfill failed ({}); next try in {} ms",
                        name,
                        e.getMessage(),
                        wait.toMillis());
                if (!pause(wait)) {
                    return;
                }
            } catch (MalformedFrameException | RuntimeException e) {
                failures++;
                counters.increment(BackfillCounter.BACKFILL_FAILURES);
                LOG.warn("[{}] aggTrades backfill unusable: {}", name, e.getMessage());
                if (!pause(backoff.delay(failures, Math::random))) {
                    return;
                }
            }
        }
    }

    private boolean pause(Duration wait) {
        try {
            sleeper.sleep(wait);
            return true;
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
