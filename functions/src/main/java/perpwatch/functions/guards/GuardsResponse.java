package perpwatch.functions.guards;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/engine/guards} (DESIGN §5). Every metric is either a fresh value or {@code null} with a line in
 * {@code warnings}; nulls are always written so a client can tell "no data" from "field missing".
 *
 * @param status     {@code passing}, {@code warning} or {@code breach}
 * @param dataSource {@code live} (all data present is fresh), {@code stale} (some is too old), {@code unavailable}
 *                   (Redis unreachable, or no data at all)
 * @param basisBps    OKX USDC swap vs Binance USDT perp, the guarded basis
 * @param basisOkxBps OKX USDC swap vs OKX USDT swap: the stablecoin spread without the venue spread (informational)
 * @param liqEvents5m liquidations written in the last five minutes, all venues; null when the feed never wrote
 * @param agesMs      per metric, how old its data is (null when there is none)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GuardsResponse(
        long ts,
        String symbol,
        BigDecimal price,
        @JsonProperty("last_bar") BarView lastBar,
        @JsonProperty("spread_bps") BigDecimal spreadBps,
        @JsonProperty("depth_10bps") DepthView depth10bps,
        @JsonProperty("funding_apr") BigDecimal fundingApr,
        @JsonProperty("basis_bps") BigDecimal basisBps,
        @JsonProperty("basis_okx_bps") BigDecimal basisOkxBps,
        @JsonProperty("oi_notional") BigDecimal oiNotional,
        @JsonProperty("liq_events_5m") Integer liqEvents5m,
        String status,
        List<String> warnings,
        @JsonProperty("data_source") String dataSource,
        @JsonProperty("ages_ms") Map<String, Long> agesMs) {

    public static final String PASSING = "passing";
    public static final String WARNING = "warning";
    public static final String BREACH = "breach";
    public static final String LIVE = "live";
    public static final String STALE = "stale";
    public static final String UNAVAILABLE = "unavailable";
}
