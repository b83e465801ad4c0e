package perpwatch.feeds.binance.book;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import perpwatch.core.model.BookTop;
import perpwatch.core.model.BookTopCodec;
import perpwatch.feeds.throttle.ChangeThrottle;

/**
 * Decides, on each tick, which book entry goes out: the book's view when it changed, at most once per
 * {@link BookSettings#minPublishInterval()}; the same view again only as a keepalive after
 * {@link BookSettings#keepaliveInterval()}, and only if a diff arrived since the last entry (see
 * {@link BinanceBookWorker} for why). No I/O and not thread-safe: the worker calls it under its lock.
 */
final class BookPublisher {
    private final ChangeThrottle<BookTop> throttle;

    BookPublisher(BookSettings settings) {
        this.throttle = new ChangeThrottle<>(
                settings.minPublishInterval().toMillis(),
                settings.keepaliveInterval().toMillis(),
                BookPublisher::publishedView);
    }

    /** The entry to write now, if any. */
    Optional<ChangeThrottle.Release<BookTop>> next(BookSynchronizer sync, long nowMs) {
        if (!sync.publishable()) {
            // Out of sync (disconnected, resyncing, crossed): what the throttle holds no longer describes the book.
            throttle.discard();
            return Optional.empty();
        }
        // Present only when a diff was applied since the last take: the book's newest state, with that diff's ts.
        Optional<BookTop> fresh = sync.takeTop();
        return fresh.isPresent() ? throttle.offer(fresh.get(), nowMs) : throttle.poll(nowMs);
    }

    /** What a reader of the stream sees of an entry, less its timestamps: "changed" means this changed. */
    static Map<String, String> publishedView(BookTop top) {
        Map<String, String> fields = new HashMap<>(BookTopCodec.INSTANCE.encode(top));
        fields.remove("ts");
        fields.remove("recv_ts");
        return fields;
    }
}
