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
 * {@code market:<sym>usdt:funding_settled}: {@code symbol funding_rate funding_rate_8h funding_interval_h funding_apr
 * ts recv_ts}.
 */
public final class SettledFundingCodec implements FieldCodec<SettledFunding> {
    public static final SettledFundingCodec INSTANCE = new SettledFundingCodec();

    @Override
    public Map<String, String> encode(SettledFunding s) {
        Map<String, String> f = new LinkedHashMap<>(8);
        f.put("symbol", s.symbol());
        f.put("funding_rate", Fields.decimal(s.fundingRate()));
        f.put("funding_rate_8h", Fields.decimal(s.fundingRate8h()));
        f.put("funding_interval_h", Integer.toString(s.fundingIntervalH()));
        f.put("funding_apr", Fields.decimal(s.fundingApr()));
        f.put("ts", Long.toString(s.ts()));
        f.put("recv_ts", Long.toString(s.recvTime()));
        return f;
    }

    @Override
    public SettledFunding decode(Map<String, String> f) {
        long interval = integer(f, "funding_interval_h");
        if (interval <= 0 || interval > 24) {
            throw new MalformedRecordException("funding_interval_h must be 1..24 hours, not " + interval);
        }
        return new SettledFunding(
                text(f, "symbol"),
                decimal(f, "funding_rate"),
                decimal(f, "funding_rate_8h"),
                (int) interval,
                decimal(f, "funding_apr"),
                integer(f, "ts"),
                integer(f, "recv_ts"));
    }
}
