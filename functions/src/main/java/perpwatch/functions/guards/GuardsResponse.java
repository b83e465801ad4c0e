package perpwatch.functions.guards;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/engine/guards} (DESIGN §5). {@code guards} holds every metric's state, value, age and bounds; the
 * flat metric fields beside it are kept for clients written before it. Every metric is either a fresh value or
 * {@code null} with a line in {@code warnings}, or {@code null} and {@code not_configured} in {@code guards} when the
 * instrument is not listed on its venue (a warning line only when it is required); nulls are always written so a
 * client can tell "no data" from "field missing".
 *
 * @param ts          when this answer was computed (this API's clock); an engine treats an answer older than its own
 *                    budget as a breach
 * @param seq         this instance's answer counter: strictly increasing per computed answer, repeated by a cached one
 * @param instance    which API instance computed it (seq is per instance)
 * @param basisBps    OKX USDC swap vs Binance USDT perp, the guarded basis
 * @param basisOkxBps OKX USDC swap vs OKX USDT swap: the stablecoin spread without the venue spread (informational)
 * @param liqEvents5m liquidations in the last five minutes by venue event time, all venues; null when no venue is
 * connected
 * @param agesMs      per metric, how old its data is (null when there is none)
 * @param required    the metrics whose unknown state is a breach
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GuardsResponse(
        long ts,
        long seq,
        String instance,
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
        @JsonProperty("liq_events_5m_by_venue") Map<String, VenueLiquidations> liqEvents5mByVenue,
        GuardStatus status,
        List<String> warnings,
        @JsonProperty("data_source") DataSource dataSource,
        @JsonProperty("ages_ms") Map<String, Long> agesMs,
        Map<String, MetricGuard> guards,
        List<GuardMetric> required,
        @JsonProperty("thresholds_version") String thresholdsVersion) {

    static Builder builder() {
        return new Builder();
    }

    /** Named construction: the answer has too many parts to build positionally without mixing two of them up. */
    static final class Builder {
        private long ts;
        private long seq;
        private String instance;
        private String symbol;
        private BigDecimal price;
        private BarView lastBar;
        private BigDecimal spreadBps;
        private DepthView depth = DepthView.UNKNOWN;
        private BigDecimal fundingApr;
        private BigDecimal basisBps;
        private BigDecimal basisOkxBps;
        private BigDecimal oiNotional;
        private Integer liqEvents5m;
        private Map<String, VenueLiquidations> liqByVenue = Map.of();
        private GuardStatus status;
        private List<String> warnings = List.of();
        private DataSource dataSource;
        private Map<String, Long> ages = Map.of();
        private Map<String, MetricGuard> guards = Map.of();
        private List<GuardMetric> required = List.of();
        private String thresholdsVersion;

        Builder stamp(long ts, long seq, String instance, String symbol) {
            this.ts = ts;
            this.seq = seq;
            this.instance = instance;
            this.symbol = symbol;
            return this;
        }

        Builder price(BigDecimal price) {
            this.price = price;
            return this;
        }

        Builder lastBar(BarView bar) {
            this.lastBar = bar;
            return this;
        }

        Builder book(BigDecimal spreadBps, DepthView depth) {
            this.spreadBps = spreadBps;
            this.depth = depth;
            return this;
        }

        Builder funding(BigDecimal apr, BigDecimal oiNotional) {
            this.fundingApr = apr;
            this.oiNotional = oiNotional;
            return this;
        }

        Builder basis(BigDecimal crossVenue, BigDecimal okxOnly) {
            this.basisBps = crossVenue;
            this.basisOkxBps = okxOnly;
            return this;
        }

        Builder liquidations(Integer total, Map<String, VenueLiquidations> byVenue) {
            this.liqEvents5m = total;
            this.liqByVenue = byVenue;
            return this;
        }

        Builder verdict(GuardStatus status, DataSource dataSource, List<String> warnings) {
            this.status = status;
            this.dataSource = dataSource;
            this.warnings = warnings;
            return this;
        }

        Builder metrics(
                Map<String, Long> ages,
                Map<String, MetricGuard> guards,
                List<GuardMetric> required,
                String thresholdsVersion) {
            this.ages = ages;
            this.guards = guards;
            this.required = required;
            this.thresholdsVersion = thresholdsVersion;
            return this;
        }

        GuardsResponse build() {
            return new GuardsResponse(
                    ts,
                    seq,
                    instance,
                    symbol,
                    price,
                    lastBar,
                    spreadBps,
                    depth,
                    fundingApr,
                    basisBps,
                    basisOkxBps,
                    oiNotional,
                    liqEvents5m,
                    liqByVenue,
                    status,
                    warnings,
                    dataSource,
                    ages,
                    guards,
                    required,
                    thresholdsVersion);
        }
    }
}
