package perpwatch.functions.guards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Callers never get a read that started before they asked, and share the next one. */
class NextReadTest {
    @Test
    void callersDuringAReadShareTheNextOneAndNeverTheOneInFlight() throws Exception {
        List<CompletableFuture<Integer>> reads = new ArrayList<>();
        NextRead<Integer> next = new NextRead<>(() -> {
            CompletableFuture<Integer> f = new CompletableFuture<>();
            reads.add(f);
            return f;
        });
        CompletableFuture<Integer> first = next.get();
        assertEquals(1, reads.size());
        CompletableFuture<Integer> second = next.get();
        CompletableFuture<Integer> third = next.get();
        assertSame(second, third, "both asked during the first read: they share the next");
        assertEquals(1, reads.size(), "no second read while the first is out");

        reads.get(0).complete(10);
        assertEquals(10, first.get());
        assertFalse(second.isDone(), "the first read started before they asked: not their answer");
        assertEquals(2, reads.size(), "the next read started as the first completed");

        CompletableFuture<Integer> fourth = next.get();
        reads.get(1).complete(20);
        assertEquals(20, second.get());
        assertEquals(20, third.get());
        assertFalse(fourth.isDone());
        reads.get(2).complete(30);
        assertEquals(30, fourth.get());

        CompletableFuture<Integer> alone = next.get();
        assertEquals(4, reads.size(), "nothing in flight: a read starts at once");
        reads.get(3).complete(40);
        assertEquals(40, alone.get());
    }

    @Test
    void aFailedReadFailsItsCallersAndTheNextStillStarts() throws Exception {
        List<CompletableFuture<Integer>> reads = new ArrayList<>();
        NextRead<Integer> next = new NextRead<>(() -> {
            CompletableFuture<Integer> f = new CompletableFuture<>();
            reads.add(f);
            return f;
        });
        CompletableFuture<Integer> first = next.get();
        CompletableFuture<Integer> second = next.get();
        reads.get(0).completeExceptionally(new IllegalStateException("down"));
        assertTrue(first.isCompletedExceptionally());
        reads.get(1).completeExceptionally(new IllegalStateException("still down"));
        ExecutionException e = assertThrows(ExecutionException.class, second::get);
        assertEquals("still down", e.getCause().getMessage());
        CompletableFuture<Integer> third = next.get();
        reads.get(2).complete(3);
        assertEquals(3, third.get());
    }

    @Test
    void aReadThatThrowsIsAFailedFuture() {
        NextRead<Integer> next = new NextRead<>(() -> {
            throw new IllegalStateException("no connection");
        });
        assertTrue(next.get().isCompletedExceptionally());
        assertTrue(next.get().isCompletedExceptionally(), "and the next caller reads again");
    }
}
