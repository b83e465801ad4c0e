package perpwatch.functions.market;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.util.List;
import perpwatch.core.instrument.Instrument;
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

    public MarketController(FunctionsConfig config, FundingHistoryService funding, LiqHeatmapService heatmap) {
        this.config = config;
        this.funding = funding;
        this.heatmap = heatmap;
    }

    @Get("/oi_history")
    public HttpResponse<List<OiPoint>> oiHistory(@Nullable @QueryValue String hours, @Nullable @QueryValue String symbol) {
        Instrument instrument = instrument(symbol);
        return fresh(funding.oiHistory(instrument, QueryParameters.hours(hours, 24)));
    }

    @Get("/funding_history")
    public HttpResponse<List<FundingPoint>> fundingHistory(@Nullable @QueryValue String hours, @Nullable @QueryValue String symbol) {
        Instrument instrument = instrument(symbol);
        return fresh(funding.fundingHistory(instrument, QueryParameters.hours(hours, 24)));
    }

    @Get("/liq_heatmap")
    public HttpResponse<LiqHeatmap> liqHeatmap(@Nullable @QueryValue String hours, @Nullable @QueryValue String symbol) {
        Instrument instrument = instrument(symbol);
        return fresh(heatmap.heatmap(instrument, QueryParameters.hours(hours, 1)));
    }

    private Instrument instrument(String symbol) {
        return QueryParameters.symbol(symbol == null ? "SOL" : symbol, config.instruments());
    }

    /** History changes as feeds write; a second of client caching is harmless and spares Redis under polling. */
    private static <T> HttpResponse<T> fresh(T body) {
        return HttpResponse.ok(body).header("Cache-Control", "max-age=1");
    }
}
