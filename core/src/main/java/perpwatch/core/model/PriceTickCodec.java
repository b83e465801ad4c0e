package perpwatch.core.model;

import static perpwatch.core.stream.Fields.decimal;
import static perpwatch.core.stream.Fields.integer;

import java.util.LinkedHashMap;
import java.util.Map;
import perpwatch.core.stream.FieldCodec;
import perpwatch.core.stream.Fields;

/** {@code market:<sym>usdt:price}: {@code price ts recv_ts}. */
public final class PriceTickCodec implements FieldCodec<PriceTick> {
    public static final PriceTickCodec INSTANCE = new PriceTickCodec();

    @Override
    public Map<String, String> encode(PriceTick tick) {
        Map<String, String> f = new LinkedHashMap<>(4);
        f.put("price", Fields.decimal(tick.price()));
        f.put("ts", Long.toString(tick.ts()));
        f.put("recv_ts", Long.toString(tick.recvTime()));
        return f;
    }

    @Override
    public PriceTick decode(Map<String, String> f) {
        return new PriceTick(decimal(f, "price"), integer(f, "ts"), integer(f, "recv_ts"));
    }
}
