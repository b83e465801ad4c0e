package perpwatch.functions.guards;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
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

    public GuardsController(GuardsService guards, GuardsHistoryService history, FunctionsConfig config) {
        this.guards = guards;
        this.history = history;
        this.config = config;
        this.thresholds = ThresholdsView.of(config.guards());
    }

    @Get("/guards")
    public HttpResponse<GuardsResponse> guards(@QueryValue(defaultValue = "SOL") String symbol) {
        Instrument instrument = QueryParameters.symbol(symbol, config.instruments());
        return HttpResponse.ok(guards.evaluate(instrument)).header("Cache-Control", "no-store");
    }

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
