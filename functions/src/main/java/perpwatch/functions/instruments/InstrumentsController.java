package perpwatch.functions.instruments;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.List;
import perpwatch.functions.config.FunctionsConfig;

/**
 * {@code GET /api/instruments}: every configured instrument ({@code PERPWATCH_INSTRUMENTS}) in configuration order,
 * with the venues it is watched on, so the dashboard offers exactly the symbols the other routes accept.
 */
@Controller("/api")
public class InstrumentsController {
    private final List<InstrumentView> instruments;

    public InstrumentsController(FunctionsConfig config) {
        this.instruments =
                config.instruments().all().stream().map(InstrumentView::of).toList();
    }

    @Get("/instruments")
    public HttpResponse<List<InstrumentView>> instruments() {
        return HttpResponse.ok(instruments).header("Cache-Control", "no-cache");
    }
}
