package perpwatch.core.model;

import static perpwatch.core.stream.Fields.decimal;
import static perpwatch.core.stream.Fields.integer;
import static perpwatch.core.stream.Fields.text;

import java.util.LinkedHashMap;
import java.util.Map;
import perpwatch.core.stream.FieldCodec;
import perpwatch.core.stream.Fields;

/** {@code market:<sym>usdt:liquidations}: {@code venue symbol side price quantity notional_usd ts recv_ts}. */
public final class LiquidationCodec implements FieldCodec<Liquidation> {
    public static final LiquidationCodec INSTANCE = new LiquidationCodec();

    @Override
    public Map<String, String> encode(Liquidation l) {
        Map<String, String> f = new LinkedHashMap<>(12);
        f.put("venue", l.venue());
        f.put("symbol", l.symbol());
        f.put("side", l.side().wire());
        f.put("price", Fields.decimal(l.price()));
        f.put("quantity", Fields.decimal(l.quantity()));
        f.put("notional_usd", Fields.decimal(l.notionalUsd()));
        f.put("ts", Long.toString(l.ts()));
        f.put("recv_ts", Long.toString(l.recvTime()));
        return f;
    }

    @Override
    public Liquidation decode(Map<String, String> f) {
        return new Liquidation(
                text(f, "venue"),
                text(f, "symbol"),
                PositionSide.fromWire(text(f, "side")),
                decimal(f, "price"),
                decimal(f, "quantity"),
                decimal(f, "notional_usd"),
                integer(f, "ts"),
                integer(f, "recv_ts"));
    }
}
