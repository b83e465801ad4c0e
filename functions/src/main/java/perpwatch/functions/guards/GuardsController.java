package perpwatch.functions.guards;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import perpwatch.core.instrument.Instrument;
import perpwatch.functions.api.QueryParameters;
import perpwatch.functions.config.FunctionsConfig;

/**
 * The engine's routes: {@code GET /api/engine/guards?symbol=SOL} (always 200 with the verdict, even when that verdict
 * is "breach"), the thresholds in force, and the decision log.
 */
@Controller("/api/engine")
public class GuardsController {
    /** The decision log keeps 30 days (DESIGN §4). */
    static final int HISTORY_MAX_HOURS = 720;

    static final int HISTORY_MAX_LIMIT = 10_000;

    private final GuardsService guards;
    private final GuardsHistoryService history;
    private final FunctionsConfig config;
    private final ThresholdsView thresholds;
    private final ExecutorService blocking;
    private final JsonMapper json;
    private final Map<String, Rendered> rendered = new ConcurrentHashMap<>();

    public GuardsController(
            GuardsService guards,
            GuardsHistoryService history,
            FunctionsConfig config,
            @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
            JsonMapper json) {
        this.guards = guards;
        this.json = json;
        this.blocking = blocking;
        this.history = history;
        this.config = config;
        this.thresholds = ThresholdsView.of(config.guards());
    }

    /**
     * Runs on the event loop without blocking it: the one Redis round trip every request makes (the fingerprint that
     * validates the cached answer) is awaited asynchronously, and only a recompute goes to the blocking pool. Waiting
     * for Redis on the event loop held up every other connection of that loop for the round trip.
     */
    @Get("/guards")
    public CompletableFuture<HttpResponse<byte[]>> guards(@QueryValue(defaultValue = "SOL") String symbol) {
        Instrument instrument = QueryParameters.symbol(symbol, config.instruments());
        return guards.evaluateAsync(instrument, blocking)
                .thenApply(r -> HttpResponse.ok(bytes(instrument, r))
                        .contentType(MediaType.APPLICATION_JSON_TYPE)
                        .header("Cache-Control", "no-store"));
    }

    /**
     * The answer's JSON, written once per answer: a cached answer is the same object on every hit, so its bytes are
     * kept beside it (about 3.4 KB, written by the serialiser on every request before).
     */
    private byte[] bytes(Instrument instrument, GuardsResponse response) {
        Rendered last = rendered.get(instrument.canonical());
        if (last != null && last.response() == response) {
            return last.body();
        }
        // The requests that waited for one recompute all complete at once: one writes, the others wait for its bytes.
        return rendered.compute(
                        instrument.canonical(),
                        (k, r) -> r != null && r.response() == response ? r : new Rendered(response, write(response)))
                .body();
    }

    private byte[] write(GuardsResponse response) {
        try {
            return json.writeValueAsBytes(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Rendered(GuardsResponse response, byte[] body) {}

    @Get("/thresholds")
    public HttpResponse<ThresholdsView> thresholds() {
        return HttpResponse.ok(thresholds).header("Cache-Control", "no-cache");
    }

    // A read of up to 10,000 entries: off the event loop, as the market routes.
    @Get("/guards/history")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<GuardsHistory> history(
            @Nullable @QueryValue String symbol,
            @Nullable @QueryValue String hours,
            @Nullable @QueryValue String limit) {
        Instrument instrument = QueryParameters.symbol(symbol == null ? "SOL" : symbol, config.instruments());
        int h = QueryParameters.hours(hours, 24, HISTORY_MAX_HOURS);
        int n = QueryParameters.limit(limit, 1_000, HISTORY_MAX_LIMIT);
        return HttpResponse.ok(history.history(instrument, h, n)).header("Cache-Control", "no-store");
    }
}
