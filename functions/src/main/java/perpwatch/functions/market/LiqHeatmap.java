package perpwatch.functions.market;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code GET /api/market/liq_heatmap}: liquidations binned by price (± 5 % of the reference price) and time.
 * Only cells with events are listed; a client draws the rest as empty.
 *
 * @param referencePrice  the centre of the price band: the last Binance trade price, or the last bar's close
 *                        when the price stream is empty; null when neither exists (then there are no bins)
 * @param referenceSource {@code price}, {@code bar} or null
 * @param clippedBelow    events priced under the band, counted in price bin 0
 * @param clippedAbove    events priced over the band, counted in the last price bin
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LiqHeatmap(
        long ts,
        String symbol,
        int hours,
        @JsonProperty("reference_price") BigDecimal referencePrice,
        @JsonProperty("reference_ts") Long referenceTs,
        @JsonProperty("reference_source") String referenceSource,
        @JsonProperty("price_bins") List<PriceBin> priceBins,
        @JsonProperty("time_bins") List<TimeBin> timeBins,
        List<HeatCell> cells,
        @JsonProperty("clipped_below") int clippedBelow,
        @JsonProperty("clipped_above") int clippedAbove,
        List<String> warnings) {

    /** The same map with {@code ts} zeroed: what changes when the data does, for the ETag. */
    public LiqHeatmap withoutTimestamp() {
        return new LiqHeatmap(
                0,
                symbol,
                hours,
                referencePrice,
                referenceTs,
                referenceSource,
                priceBins,
                timeBins,
                cells,
                clippedBelow,
                clippedAbove,
                warnings);
    }

    /** Prices in [low, high); the first and last bins also hold the clipped events. */
    public record PriceBin(int index, BigDecimal low, BigDecimal high) {}

    /** Venue event times in [start, end), epoch ms. */
    public record TimeBin(int index, long start, long end) {}

    /**
     * @param totalSize   Σ quantity, SOL
     * @param notionalUsd Σ price × quantity
     * @param longs       events that liquidated a long (the rest liquidated shorts)
     * @param clipped     how many of {@code count} lay outside the band and were pinned to this edge bin
     */
    public record HeatCell(
            @JsonProperty("price_bin") int priceBin,
            @JsonProperty("time_bin") int timeBin,
            int count,
            @JsonProperty("total_size") BigDecimal totalSize,
            @JsonProperty("notional_usd") BigDecimal notionalUsd,
            int longs,
            int clipped) {}
}
