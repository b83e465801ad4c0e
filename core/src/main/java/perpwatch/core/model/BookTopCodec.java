package perpwatch.core.model;

import static perpwatch.core.stream.Fields.decimal;
import static perpwatch.core.stream.Fields.integer;

import java.util.LinkedHashMap;
import java.util.Map;
import perpwatch.core.stream.FieldCodec;
import perpwatch.core.stream.Fields;

/**
 * {@code market:<sym>usdt:book}: {@code bid_px bid_qty ask_px ask_qty spread_bps depth_bid_usd depth_ask_usd ts
 * recv_ts}.
 */
public final class BookTopCodec implements FieldCodec<BookTop> {
    public static final BookTopCodec INSTANCE = new BookTopCodec();

    @Override
    public Map<String, String> encode(BookTop b) {
        Map<String, String> f = new LinkedHashMap<>(12);
        f.put("bid_px", Fields.decimal(b.bidPrice()));
        f.put("bid_qty", Fields.decimal(b.bidQty()));
        f.put("ask_px", Fields.decimal(b.askPrice()));
        f.put("ask_qty", Fields.decimal(b.askQty()));
        f.put("spread_bps", Fields.decimal(b.spreadBps()));
        f.put("depth_bid_usd", Fields.decimal(b.depthBidUsd()));
        f.put("depth_ask_usd", Fields.decimal(b.depthAskUsd()));
        f.put("ts", Long.toString(b.ts()));
        f.put("recv_ts", Long.toString(b.recvTime()));
        return f;
    }

    @Override
    public BookTop decode(Map<String, String> f) {
        return new BookTop(
                decimal(f, "bid_px"),
                decimal(f, "bid_qty"),
                decimal(f, "ask_px"),
                decimal(f, "ask_qty"),
                decimal(f, "spread_bps"),
                decimal(f, "depth_bid_usd"),
                decimal(f, "depth_ask_usd"),
                integer(f, "ts"),
                integer(f, "recv_ts"));
    }
}
