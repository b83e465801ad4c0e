package perpwatch.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamEntry;
import perpwatch.core.stream.StreamKey;

/**
 * Asks the guards endpoint every 200 ms, as an engine would, and checks each {@code live} answer against Redis
 * itself: the newest price and book entries must be within their 5 s budget (plus the 1 s answer cache). A live
 * answer on older data is a violation: the one thing a risk guard must never do.
 */
final class GuardsWatcher implements AutoCloseable {
    static final long FAST_BUDGET_MS = 5_000;
    static final long ANSWER_CACHE_MS = 1_000;

    record Sample(long atMs, int status, String dataSource, boolean liveOnStale) {}

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI guards;
    private final RedisStreams redis;
    private final List<StreamKey> fastStreams;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    GuardsWatcher(String apiUrl, RedisStreams redis, List<StreamKey> fastStreams) {
        this.guards = URI.create(apiUrl + "/api/engine/guards");
        this.redis = redis;
        this.fastStreams = fastStreams;
        this.thread = new Thread(this::run, "harness-guards");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        while (running) {
            record(ask());
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Sample ask() {
        long at = System.currentTimeMillis();
        try {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(guards)
                            .timeout(Duration.ofSeconds(3))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = json.readTree(answer.body());
            String source = body.path("data_source").asText("none");
            return new Sample(at, answer.statusCode(), source, "live".equals(source) && staleInRedis(at));
        } catch (Exception e) {
            return new Sample(at, 0, "no_answer", false);
        }
    }

    private boolean staleInRedis(long answeredAt) {
        try {
            for (StreamKey key : fastStreams) {
                Optional<StreamEntry> last = redis.last(key);
                if (last.isEmpty() || answeredAt - last.get().idTimeMs() > FAST_BUDGET_MS + ANSWER_CACHE_MS) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException redisDown) {
            // Redis unreachable now: the answer was computed from a cache of at most ANSWER_CACHE_MS; judged by the
            // outage scenario, which knows when Redis went away.
            return false;
        }
    }

    private synchronized void record(Sample s) {
        samples.add(s);
    }

    synchronized List<Sample> between(long fromMs, long toMs) {
        return samples.stream()
                .filter(s -> s.atMs() >= fromMs && s.atMs() < toMs)
                .toList();
    }

    synchronized long liveOnStale() {
        return samples.stream().filter(Sample::liveOnStale).count();
    }

    synchronized int count() {
        return samples.size();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
