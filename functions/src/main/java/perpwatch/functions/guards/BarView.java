package perpwatch.functions.guards;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import perpwatch.core.model.Bar;

/** The last closed 1-minute bar as the API shows it. */
public record BarView(
        long ts,
        BigDecimal open,
        BigDecimal high,
        BigDecimal low,
        BigDecimal close,
        BigDecimal vwap,
        BigDecimal cvd,
        @JsonProperty("buy_vol") BigDecimal buyVolume,
        @JsonProperty("sell_vol") BigDecimal sellVolume,
        int trades) {

    static BarView of(Bar bar) {
        return new BarView(
                bar.openTime(),
                bar.open(),
                bar.high(),
                bar.low(),
                bar.close(),
                bar.vwap(),
                bar.cvd(),
                bar.buyVolume(),
                bar.sellVolume(),
                bar.trades());
    }
}
