package perpwatch.feeds.binance.book;

import java.util.ArrayDeque;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.model.BookTop;
import perpwatch.feeds.metrics.BookCounter;
import perpwatch.feeds.metrics.FeedCounters;
import perpwatch.feeds.metrics.FrameCounter;
import perpwatch.feeds.metrics.LogSampler;

/**
 * Binance USDⓈ-M's local-book procedure as a state machine, with no I/O of its own:
 * <ol>
 *   <li>BUFFERING: diffs are queued (bounded) until a REST snapshot arrives;</li>
 *   <li>BRIDGING: the snapshot ({@code lastUpdateId = L}) is loaded; queued and new diffs with {@code u < L} are
 *       dropped; the first one kept must straddle {@code U ≤ L ≤ u}. If it starts after L the snapshot is older than
 *       the stream (stale): back to BUFFERING for another one, keeping the queue;</li>
 *   <li>SYNCED: each diff's {@code pu} must equal the previous diff's {@code u}, otherwise resync from a new
 *       snapshot (the connection is kept). A book that becomes crossed or one-sided also resyncs.</li>
 * </ol>
 * Only a SYNCED, uncrossed, two-sided book is ever offered for publishing. Not thread-safe: the owner serialises
 * calls.
 */
public final class BookSynchronizer {
    private static final Logger LOG = LoggerFactory.getLogger(BookSynchronizer.class);

    public enum State {
        BUFFERING,
        BRIDGING,
        SYNCED
    }

    private final String name;
    private final String symbol;
    private final OrderBook book;
    private final int bufferCapacity;
    private final FeedCounters counters;
    private final ArrayDeque<DepthUpdate> buffer = new ArrayDeque<>();
    private State state = State.BUFFERING;
    private long snapshotId;
    private long lastFinalId;
    private long lastTs;
    private long lastRecv;
    private boolean unpublished;

    public BookSynchronizer(String name, String symbol, OrderBook book, int bufferCapacity, FeedCounters counters) {
        if (bufferCapacity < 1) {
            throw new IllegalArgumentException("bufferCapacity must be >= 1");
        }
        this.name = name;
        this.symbol = symbol;
        this.book = book;
        this.bufferCapacity = bufferCapacity;
        this.counters = counters;
    }

    public State state() {
        return state;
    }

    /** True when a snapshot should be fetched now: we are buffering and the stream has started delivering. */
    public boolean needsSnapshot() {
        return state == State.BUFFERING && !buffer.isEmpty();
    }

    /** {@code u} of the last diff applied. */
    public long lastFinalId() {
        return lastFinalId;
    }

    public OrderBook book() {
        return book;
    }

    public int buffered() {
        return buffer.size();
    }

    public void onUpdate(DepthUpdate update) {
        if (!symbol.equals(update.symbol())) {
            counters.increment(FrameCounter.OTHER_SYMBOL);
            return;
        }
        switch (state) {
            case BUFFERING -> enqueue(update);
            case BRIDGING -> bridge(update);
            case SYNCED -> applyChained(update);
            default -> throw new IllegalStateException(state.name());
        }
    }

    /** A REST snapshot arrived (from whichever request: any snapshot is a true state of the book at its L). */
    public void onSnapshot(DepthSnapshot snapshot) {
        if (state != State.BUFFERING) {
            counters.increment(BookCounter.UNREQUESTED_SNAPSHOTS);
            return;
        }
        try {
            book.load(snapshot);
        } catch (FixedPoint.UnrepresentableLevelException e) {
            counters.increment(BookCounter.UNREPRESENTABLE_LEVELS);
            LOG.error(
                    "[{}] snapshot {} not loaded, will fetch another: {}",
                    name,
                    snapshot.lastUpdateId(),
                    e.getMessage());
            return;
        }
        counters.increment(BookCounter.SNAPSHOTS_LOADED);
        snapshotId = snapshot.lastUpdateId();
        state = State.BRIDGING;
        while (!buffer.isEmpty() && state != State.BUFFERING) {
            DepthUpdate next = buffer.pollFirst();
            if (state == State.BRIDGING) {
                bridge(next);
            } else {
                applyChained(next);
            }
        }
    }

    /** The connection changed (reconnect, rotation, loss): nothing carries over, start from a new snapshot. */
    public void reset(String reason) {
        counters.increment(BookCounter.FULL_RESYNCS);
        LOG.info("[{}] full resync ({}); book cleared", name, reason);
        book.clear();
        buffer.clear();
        state = State.BUFFERING;
        unpublished = false;
    }

    /** True when the book may be published: SYNCED, two-sided and uncrossed. */
    public boolean publishable() {
        return state == State.SYNCED && book.health() == OrderBook.Health.OK;
    }

    /**
     * The book to publish, once per change: present only when SYNCED, two-sided and uncrossed, and something was
     * applied since the last call.
     */
    public Optional<BookTop> takeTop() {
        if (!publishable() || !unpublished) {
            return Optional.empty();
        }
        unpublished = false;
        return Optional.of(book.top(lastTs, lastRecv));
    }

    private void enqueue(DepthUpdate update) {
        if (buffer.size() == bufferCapacity) {
            // Dropping the oldest is safe: the snapshot must reach past it anyway, and if it does not, the bridge
            // step sees the snapshot as stale and asks for another.
            buffer.pollFirst();
            counters.increment(BookCounter.BUFFER_OVERFLOWS);
        }
        buffer.addLast(update);
    }

    private void bridge(DepthUpdate update) {
        if (update.finalUpdateId() < snapshotId) {
            counters.increment(BookCounter.DROPPED_BEFORE_SNAPSHOT);
            return;
        }
        if (update.firstUpdateId() > snapshotId) {
            long n = counters.incrementAndGet(BookCounter.STALE_SNAPSHOTS);
            if (LogSampler.shouldLog(n)) {
                LOG.warn(
                        "[{}] snapshot {} is older than the stream (next diff starts at U={}); fetching another (#{})",
                        name,
                        snapshotId,
                        update.firstUpdateId(),
                        n);
            }
            book.clear();
            state = State.BUFFERING;
            buffer.addFirst(update);
            return;
        }
        apply(update);
        if (state == State.BRIDGING) {
            state = State.SYNCED;
            counters.increment(BookCounter.SYNCS);
            LOG.info(
                    "[{}] in sync: snapshot {} bridged by diff U={} u={}",
                    name,
                    snapshotId,
                    update.firstUpdateId(),
                    update.finalUpdateId());
        }
    }

    private void applyChained(DepthUpdate update) {
        if (update.previousFinalId() != lastFinalId) {
            counters.increment(BookCounter.PU_GAPS);
            resync("pu " + update.previousFinalId() + " != previous u " + lastFinalId);
            // It leads whatever is still queued behind it (when draining after a snapshot).
            buffer.addFirst(update);
            return;
        }
        apply(update);
    }

    private void apply(DepthUpdate update) {
        try {
            book.apply(update.bids(), update.asks());
        } catch (FixedPoint.UnrepresentableLevelException e) {
            counters.increment(BookCounter.UNREPRESENTABLE_LEVELS);
            resync("diff u=" + update.finalUpdateId() + " not applicable: " + e.getMessage());
            return;
        }
        counters.increment(BookCounter.UPDATES_APPLIED);
        lastFinalId = update.finalUpdateId();
        lastTs = update.transactTime();
        lastRecv = update.recvTime();
        unpublished = true;
        OrderBook.Health health = book.health();
        if (health != OrderBook.Health.OK) {
            counters.increment(
                    health == OrderBook.Health.CROSSED ? BookCounter.CROSSED_BOOKS : BookCounter.EMPTY_BOOKS);
            resync("book " + health.name().toLowerCase() + " after diff u=" + update.finalUpdateId());
        }
    }

    private void resync(String reason) {
        long n = counters.incrementAndGet(BookCounter.RESYNCS);
        if (LogSampler.shouldLog(n)) {
            LOG.warn("[{}] resync #{} from a new snapshot, keeping the connection: {}", name, n, reason);
        }
        // The queue is kept: it only holds diffs newer than the one that broke the book.
        book.clear();
        state = State.BUFFERING;
        unpublished = false;
    }
}
