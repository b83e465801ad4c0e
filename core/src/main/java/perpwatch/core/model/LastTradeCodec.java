package perpwatch.core.model;

import static perpwatch.core.stream.Fields.decimal;
import static perpwatch.core.stream.Fields.integer;
import static perpwatch.core.stream.Fields.text;

import java.util.LinkedHashMap;
import java.util.Map;
import perpwatch.core.stream.FieldCodec;
import perpwatch.core.stream.Fields;
import perpwatch.core.stream.MalformedRecordException;

/**
 * {@code market:<sym>usdc:trades} and {@code market:<sym>usdt:okx_trades}: {@code symbol price side size ts recv_ts}.
 */
public final class LastTradeCodec implements FieldCodec<LastTrade> {
    public static final LastTradeCodec INSTANCE = new LastTradeCodec();

    @Override
    public Map<String, String> encode(LastTrade t) {
        Map<String, String> f = new LinkedHashMap<>(8);
        f.put("symbol", t.symbol());
        f.put("price", Fields.decimal(t.price()));
        f.put("side", t.side());
        f.put("size", Fields.decimal(t.size()));
        f.put("ts", Long.toString(t.ts()));
        f.put("recv_ts", Long.toString(t.recvTime()));
        return f;
    }

    @Override
    public LastTrade decode(Map<String, String> f) {
        String side = text(f, "side");
        if (!side.equals("buy") && !side.equals("sell")) {
            throw new MalformedRecordException("side must be 'buy' or 'sell', not '" + side + "'");
        }
        return new LastTrade(
                text(f, "symbol"),
                decimal(f, "price"),
                side,
                decimal(f, "size"),
                integer(f, "ts"),
                integer(f, "recv_ts"));
    }
}
