package perpwatch.core.model;

import static perpwatch.core.stream.Fields.decimal;
import static perpwatch.core.stream.Fields.integer;

import java.util.LinkedHashMap;
import java.util.Map;
import perpwatch.core.stream.FieldCodec;
import perpwatch.core.stream.Fields;

/**
 * {@code market:<sym>usdt:trades}: {@code open high low close buy_vol sell_vol cvd vwap trades ts first_id last_id
 * recv_ts complete missing_trades revision}. Entries written before the last three existed decode as a complete
 * first publication.
 */
public final class BarCodec implements FieldCodec<Bar> {
    public static final BarCodec INSTANCE = new BarCodec();

    @Override
    public Map<String, String> encode(Bar bar) {
        Map<String, String> f = new LinkedHashMap<>(16);
        f.put("open", Fields.decimal(bar.open()));
        f.put("high", Fields.decimal(bar.high()));
        f.put("low", Fields.decimal(bar.low()));
        f.put("close", Fields.decimal(bar.close()));
        f.put("buy_vol", Fields.decimal(bar.buyVolume()));
        f.put("sell_vol", Fields.decimal(bar.sellVolume()));
        f.put("cvd", Fields.decimal(bar.cvd()));
        f.put("vwap", Fields.decimal(bar.vwap()));
        f.put("trades", Integer.toString(bar.trades()));
        f.put("ts", Long.toString(bar.openTime()));
        f.put("first_id", Long.toString(bar.firstTradeId()));
        f.put("last_id", Long.toString(bar.lastTradeId()));
        f.put("recv_ts", Long.toString(bar.recvTime()));
        f.put("complete", Boolean.toString(bar.complete()));
        f.put("missing_trades", Long.toString(bar.missingTrades()));
        f.put("revision", Integer.toString(bar.revision()));
        return f;
    }

    @Override
    public Bar decode(Map<String, String> f) {
        return new Bar(
                integer(f, "ts"),
                decimal(f, "open"),
                decimal(f, "high"),
                decimal(f, "low"),
                decimal(f, "close"),
                decimal(f, "buy_vol"),
                decimal(f, "sell_vol"),
                decimal(f, "cvd"),
                decimal(f, "vwap"),
                (int) integer(f, "trades"),
                integer(f, "first_id"),
                integer(f, "last_id"),
                integer(f, "recv_ts"),
                !"false".equals(f.get("complete")),
                f.containsKey("missing_trades") ? integer(f, "missing_trades") : 0,
                f.containsKey("revision") ? (int) integer(f, "revision") : 0);
    }
}
