package perpwatch.functions.market;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Duration;
import java.util.function.Supplier;
import perpwatch.core.instrument.Instrument;
import perpwatch.functions.api.ConditionalJson;
import perpwatch.functions.api.ConditionalJson.Rendered;
import perpwatch.functions.api.QueryParameters;
import perpwatch.functions.config.FunctionsConfig;

/**
 * Market history for charts: hourly OI, funding samples, the liquidation heatmap. Each answer is kept per instance
 * for its bin width (capped, see {@link HistoryCache}) and sent with {@code s-maxage} so CloudFront keeps it as long.
 */
@Controller("/api/market")
// Blocking store calls (Redis, Kinesis) run on the I/O pool, never on a Netty event loop that other requests share.
@ExecuteOn(TaskExecutors.BLOCKING)
public class MarketController {
    private static final Duration HOUR = Duration.ofHours(1);

    private final FunctionsConfig config;
    private final FundingHistoryService funding;
    private final LiqHeatmapService heatmap;

    private final ConditionalJson conditional;
    private final HistoryCache cache;

    public MarketController(
            FunctionsConfig config,
            FundingHistoryService funding,
            LiqHeatmapService heatmap,
            ConditionalJson conditional,
            HistoryCache cache) {
        this.config = config;
        this.funding = funding;
        this.heatmap = heatmap;
        this.conditional = conditional;
        this.cache = cache;
    }

    @Get("/oi_history")
    public HttpResponse<?> oiHistory(
            HttpRequest<?> request, @Nullable @QueryValue String hours, @Nullable @QueryValue String symbol) {
        Instrument instrument = instrument(symbol);
        int h = QueryParameters.hours(hours, 24);
        return cached(request, "oi", instrument, h, HOUR, () -> conditional.render(funding.oiHistory(instrument, h)));
    }

    @Get("/funding_history")
    public HttpResponse<?> fundingHistory(
            HttpRequest<?> request, @Nullable @QueryValue String hours, @Nullable @QueryValue String symbol) {
        Instrument instrument = instrument(symbol);
        int h = QueryParameters.hours(hours, 24);
        // Settled prints come hourly; the predicted rate (the open edge) every minute, which the cache's cap honours.
        return cached(
                request,
                "funding",
                instrument,
                h,
                HOUR,
                () -> conditional.render(funding.fundingHistory(instrument, h)));
    }

    @Get("/liq_heatmap")
    public HttpResponse<?> liqHeatmap(
            HttpRequest<?> request, @Nullable @QueryValue String hours, @Nullable @QueryValue String symbol) {
        Instrument instrument = instrument(symbol);
        int h = QueryParameters.hours(hours, 1);
        return cached(request, "heatmap", instrument, h, LiqHeatmapService.timeBinWidth(h), () -> {
            LiqHeatmap map = heatmap.heatmap(instrument, h);
            return conditional.render(map, map.withoutTimestamp());
        });
    }

    private HttpResponse<?> cached(
            HttpRequest<?> request,
            String route,
            Instrument instrument,
            int hours,
            Duration binWidth,
            Supplier<Rendered> compute) {
        HistoryCache.Fresh fresh = cache.get(route + ":" + instrument.canonical() + ":" + hours, binWidth, compute);
        return conditional.answer(request, fresh.rendered(), fresh.cacheControl(cache.nowMs()));
    }

    private Instrument instrument(String symbol) {
        return QueryParameters.symbol(symbol == null ? "SOL" : symbol, config.instruments());
    }
}
