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
 * {@code market:<sym>usdt:funding}: {@code symbol oi_notional oi_value funding_rate funding_rate_8h funding_interval_h
 * funding_apr next_funding_time mark_price ts recv_ts}.
 */
public final class FundingSnapshotCodec implements FieldCodec<FundingSnapshot> {
    public static final FundingSnapshotCodec INSTANCE = new FundingSnapshotCodec();

    @Override
    public Map<String, String> encode(FundingSnapshot s) {
        Map<String, String> f = new LinkedHashMap<>(16);
        f.put("symbol", s.symbol());
        f.put("oi_notional", Fields.decimal(s.oiNotional()));
        f.put("oi_value", Fields.decimal(s.oiValue()));
        f.put("funding_rate", Fields.decimal(s.fundingRate()));
        f.put("funding_rate_8h", Fields.decimal(s.fundingRate8h()));
        f.put("funding_interval_h", Integer.toString(s.fundingIntervalH()));
        f.put("funding_apr", Fields.decimal(s.fundingApr()));
        f.put("next_funding_time", Long.toString(s.nextFundingTime()));
        f.put("mark_price", Fields.decimal(s.markPrice()));
        f.put("ts", Long.toString(s.ts()));
        f.put("recv_ts", Long.toString(s.recvTime()));
        return f;
    }

    @Override
    public FundingSnapshot decode(Map<String, String> f) {
        long interval = integer(f, "funding_interval_h");
        if (interval <= 0 || interval > 24) {
            throw new MalformedRecordException("funding_interval_h must be 1..24 hours, not " + interval);
        }
        return new FundingSnapshot(text(f, "symbol"), decimal(f, "oi_notional"), decimal(f, "oi_value"),
                decimal(f, "funding_rate"), decimal(f, "funding_rate_8h"), (int) interval, decimal(f, "funding_apr"),
                integer(f, "next_funding_time"), decimal(f, "mark_price"), integer(f, "ts"), integer(f, "recv_ts"));
    }
}
