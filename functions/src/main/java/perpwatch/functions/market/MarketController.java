package perpwatch.functions.market;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import perpwatch.core.instrument.Instrument;
import perpwatch.functions.api.ConditionalJson;
import perpwatch.functions.api.QueryParameters;
import perpwatch.functions.config.FunctionsConfig;

/** Market history for charts: hourly OI, funding samples, the liquidation heatmap. */
@Controller("/api/market")
// Blocking store calls (Redis, Kinesis) run on the I/O pool, never on a Netty event loop that other requests share.
@ExecuteOn(TaskExecutors.BLOCKING)
public class MarketController {
    private final FunctionsConfig config;
    private final FundingHistoryService funding;
    private final LiqHeatmapService heatmap;

    private final ConditionalJson conditional;

    public MarketController(
            FunctionsConfig config,
            FundingHistoryService funding,
            LiqHeatmapService heatmap,
            ConditionalJson conditional) {
        this.config = config;
        this.funding = funding;
        this.heatmap = heatmap;
        this.conditional = conditional;
    }

    @Get("/oi_history")
    public HttpResponse<?> oiHistory(
            HttpRequest<?> request, @Nullable @QueryValue String hours, @Nullable @QueryValue String symbol) {
        Instrument instrument = instrument(symbol);
        return conditional.answer(request, funding.oiHistory(instrument, QueryParameters.hours(hours, 24)));
    }

    @Get("/funding_history")
    public HttpResponse<?> fundingHistory(
            HttpRequest<?> request, @Nullable @QueryValue String hours, @Nullable @QueryValue String symbol) {
        Instrument instrument = instrument(symbol);
        return conditional.answer(request, funding.fundingHistory(instrument, QueryParameters.hours(hours, 24)));
    }

    @Get("/liq_heatmap")
    public HttpResponse<?> liqHeatmap(
            HttpRequest<?> request, @Nullable @QueryValue String hours, @Nullable @QueryValue String symbol) {
        Instrument instrument = instrument(symbol);
        LiqHeatmap map = heatmap.heatmap(instrument, QueryParameters.hours(hours, 1));
        return conditional.answer(request, map, map.withoutTimestamp());
    }

    private Instrument instrument(String symbol) {
        return QueryParameters.symbol(symbol == null ? "SOL" : symbol, config.instruments());
    }
}
