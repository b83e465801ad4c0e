package perpwatch.archive;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;

/**
 * One 1-hour bar from an hour's 1-minute bars (rows of {@link Dataset#BARS}, in time order): open of the first,
 * close of the last, extreme high and low, summed volumes and trades, CVD as of the last minute (it is cumulative),
 * and the VWAP weighted by each minute's volume. Exact decimals throughout.
 */
public final class HourBars {
    private HourBars() {}

    public static Optional<Map<String, String>> aggregate(List<GenericRecord> minuteBars, long hourStartMs) {
        if (minuteBars.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal high = null;
        BigDecimal low = null;
        BigDecimal buy = BigDecimal.ZERO;
        BigDecimal sell = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        long trades = 0;
        for (GenericRecord bar : minuteBars) {
            BigDecimal h = dec(bar, "high");
            BigDecimal l = dec(bar, "low");
            high = high == null || h.compareTo(high) > 0 ? h : high;
            low = low == null || l.compareTo(low) < 0 ? l : low;
            BigDecimal volume = dec(bar, "buy_vol").add(dec(bar, "sell_vol"));
            buy = buy.add(dec(bar, "buy_vol"));
            sell = sell.add(dec(bar, "sell_vol"));
            notional = notional.add(dec(bar, "vwap").multiply(volume));
            trades += Long.parseLong(bar.get("trades").toString());
        }
        GenericRecord first = minuteBars.get(0);
        GenericRecord last = minuteBars.get(minuteBars.size() - 1);
        BigDecimal volume = buy.add(sell);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("open", first.get("open").toString());
        out.put("high", high.toPlainString());
        out.put("low", low.toPlainString());
        out.put("close", last.get("close").toString());
        out.put("buy_vol", buy.stripTrailingZeros().toPlainString());
        out.put("sell_vol", sell.stripTrailingZeros().toPlainString());
        out.put("cvd", last.get("cvd").toString());
        out.put(
                "vwap",
                volume.signum() == 0
                        ? last.get("close").toString()
                        : notional.divide(volume, MathContext.DECIMAL64)
                                .stripTrailingZeros()
                                .toPlainString());
        out.put("trades", Long.toString(trades));
        out.put("ts", Long.toString(hourStartMs));
        out.put(
                "first_id",
                first.get("first_id") == null ? "" : first.get("first_id").toString());
        out.put(
                "last_id",
                last.get("last_id") == null ? "" : last.get("last_id").toString());
        out.put(
                "recv_ts",
                last.get("recv_ts") == null ? "" : last.get("recv_ts").toString());
        return Optional.of(out);
    }

    private static BigDecimal dec(GenericRecord bar, String field) {
        return new BigDecimal(bar.get(field).toString());
    }
}
