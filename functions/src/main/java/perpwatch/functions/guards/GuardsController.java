package perpwatch.functions.guards;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import perpwatch.core.instrument.Instrument;
import perpwatch.functions.api.QueryParameters;
import perpwatch.functions.config.FunctionsConfig;

/** {@code GET /api/engine/guards?symbol=SOL}: always 200 with the guard verdict, even when that verdict is "breach". */
@Controller("/api/engine")
public class GuardsController {
    private final GuardsService guards;
    private final FunctionsConfig config;

    public GuardsController(GuardsService guards, FunctionsConfig config) {
        this.guards = guards;
        this.config = config;
    }

    @Get("/guards")
    public HttpResponse<GuardsResponse> guards(@QueryValue(defaultValue = "SOL") String symbol) {
        Instrument instrument = QueryParameters.symbol(symbol, config.instruments());
        return HttpResponse.ok(guards.evaluate(instrument)).header("Cache-Control", "no-store");
    }
}
