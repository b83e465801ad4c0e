package perpwatch.functions.guards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A caller is answered only from a read that started at most the lag before it asked; else it waits for one. */
class RecentReadTest {
    private static final long LAG = 1_000;

    private final AtomicLong now = new AtomicLong(50_000);
    private final List<CompletableFuture<Integer>> reads = new ArrayList<>();

    private RecentRead<Integer> recent(long lag) {
        return new RecentRead<>(
                () -> {
                    CompletableFuture<Integer> f = new CompletableFuture<>();
                    reads.add(f);
                    return f;
                },
                lag,
                now::get);
    }

    @Test
    void aReadWithinTheLagAnswersAtOnceAndNothingOlderEver() throws Exception {
        RecentRead<Integer> recent = recent(LAG);
        CompletableFuture<Integer> first = recent.get();
        assertEquals(1, reads.size(), "nothing read yet: the first caller waits for a read");
        assertFalse(first.isDone());
        now.addAndGet(100);
        reads.get(0).complete(1); // started at 50,000
        assertEquals(1, first.get());

        now.set(50_000 + LAG / 2);
        CompletableFuture<Integer> within = recent.get();
        assertTrue(within.isDone(), "started half the lag ago: answered without a round trip");
        assertEquals(1, within.get());
        assertEquals(1, reads.size(), "and no read started for it");

        now.set(50_000 + LAG + 1);
        CompletableFuture<Integer> past = recent.get();
        assertFalse(past.isDone(), "the only read started more than the lag ago: never served");
        assertEquals(2, reads.size());
        reads.get(1).complete(2);
        assertEquals(2, past.get());
    }

    @Test
    void aCallerPastHalfTheLagStartsTheNextReadAheadOfTheOthers() throws Exception {
        RecentRead<Integer> recent = recent(LAG);
        CompletableFuture<Integer> first = recent.get();
        reads.get(0).complete(1);
        first.get();

        now.addAndGet(LAG / 2 + 1);
        assertEquals(1, recent.get().get(), "still within the lag: served the read it has");
        assertEquals(2, reads.size(), "past half the lag: a read ahead started");
        assertEquals(1, recent.get().get());
        assertEquals(2, reads.size(), "one read ahead at a time");

        now.addAndGet(10);
        reads.get(1).complete(2);
        now.addAndGet(LAG - 20);
        assertEquals(2, recent.get().get(), "the read ahead started a lag ago at most: it answers");
    }

    @Test
    void withNoLagEveryCallerWaitsForAReadStartedAfterItAsked() throws Exception {
        RecentRead<Integer> recent = recent(0);
        CompletableFuture<Integer> first = recent.get();
        reads.get(0).complete(1);
        assertEquals(1, first.get());
        CompletableFuture<Integer> second = recent.get();
        assertFalse(second.isDone(), "the same instant, but lag 0: a read of its own");
        reads.get(1).complete(2);
        assertEquals(2, second.get());
    }

    @Test
    void aFailedReadIsNeverKeptAndTheCallersPastTheLagSeeTheFailure() throws Exception {
        RecentRead<Integer> recent = recent(LAG);
        CompletableFuture<Integer> first = recent.get();
        reads.get(0).complete(1);
        first.get();

        now.addAndGet(LAG / 2 + 1);
        assertEquals(1, recent.get().get());
        reads.get(1).completeExceptionally(new IllegalStateException("redis down"));
        assertEquals(1, recent.get().get(), "the good read is still within the lag");
        assertEquals(3, reads.size(), "the failed read ahead is tried again");
        reads.get(2).completeExceptionally(new IllegalStateException("redis down"));

        now.addAndGet(LAG);
        CompletableFuture<Integer> past = recent.get();
        assertFalse(past.isDone(), "the good read is now past the lag: never served");
        reads.get(3).completeExceptionally(new IllegalStateException("redis still down"));
        ExecutionException e = assertThrows(ExecutionException.class, past::get);
        assertEquals("redis still down", e.getCause().getMessage());
    }

    @Test
    void aReadCompletingLateNeverReplacesOneThatStartedAfterIt() throws Exception {
        RecentRead<Integer> recent = recent(LAG);
        CompletableFuture<Integer> first = recent.get(); // read 0 starts at 50,000
        reads.get(0).complete(1);
        first.get();
        now.addAndGet(LAG / 2 + 1);
        recent.get(); // read 1 (ahead) starts at 50,501
        now.addAndGet(LAG); // past the lag of read 0
        CompletableFuture<Integer> waiting = recent.get(); // queued for the read after read 1
        reads.get(1).complete(2);
        assertEquals(3, reads.size(), "the queued caller's read started when read 1 completed");
        reads.get(2).complete(3);
        assertEquals(3, waiting.get());
        assertEquals(3, recent.get().get(), "the newest read answers, not read 1");
    }

    @Test
    void aNegativeLagIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> recent(-1));
    }
}
