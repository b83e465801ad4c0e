package perpwatch.functions.guards;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import perpwatch.functions.TestApi;

/**
 * Requests that miss the cache together share one recompute: a burst on an instance with no answer yet computes
 * one answer (one {@code seq}, one decision), not one per request.
 */
class GuardsRecomputeOnceTest extends GuardsTestBase {
    private static final int REQUESTS = 48;

    @Test
    void aBurstOfMissesComputesOneAnswer() throws Exception {
        seed(NOW - 800, NOW - 90_000);
        seedBook("1.0691", "250000.5", "198000", NOW - 400);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try (TestApi api = TestApi.start(redis.url(), NOW)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return api.get("/api/engine/guards").body();
                }));
            }
            go.countDown();
            Set<Long> seqs = new HashSet<>();
            for (Future<String> answer : answers) {
                seqs.add(JSON.readTree(answer.get()).get("seq").asLong());
            }
            assertEquals(Set.of(1L), seqs, "every request got the one answer computed");
        } finally {
            pool.shutdownNow();
        }
    }
}
