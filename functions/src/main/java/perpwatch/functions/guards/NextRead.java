package perpwatch.functions.guards;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Shares one asynchronous read among the callers that arrive while another read of the same thing is in flight,
 * without ever answering a caller with a read that started before it asked: a caller arriving while a read is out
 * waits for the next one, which starts when that read completes, for every caller that queued meanwhile. Under load
 * this turns one Redis round trip per guards request into at most one at a time per instrument, each request waiting
 * at most two round trips; and a venue event that reached Redis before a request still reaches its answer.
 */
final class NextRead<T> {
    private final Supplier<CompletableFuture<T>> read;
    private boolean inFlight;
    private CompletableFuture<T> next;

    NextRead(Supplier<CompletableFuture<T>> read) {
        this.read = read;
    }

    /** A read that starts now, or the one that starts right after the read in flight. */
    CompletableFuture<T> get() {
        synchronized (this) {
            if (inFlight) {
                if (next == null) {
                    next = new CompletableFuture<>();
                }
                return next;
            }
            inFlight = true;
        }
        CompletableFuture<T> started = start();
        started.whenComplete((v, e) -> done());
        return started;
    }

    private CompletableFuture<T> start() {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The read in flight completed: the callers that queued behind it get a read of their own, started now. */
    private void done() {
        CompletableFuture<T> waiting;
        synchronized (this) {
            waiting = next;
            next = null;
            if (waiting == null) {
                inFlight = false;
                return;
            }
        }
        start().whenComplete((v, e) -> {
            if (e == null) {
                waiting.complete(v);
            } else {
                waiting.completeExceptionally(e);
            }
            done();
        });
    }
}
