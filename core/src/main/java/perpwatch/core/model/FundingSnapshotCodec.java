package perpwatch.core.model;

import static perpwatch.core.stream.Fields.decimal;
import static perpwatch.core.stream.Fields.integer;
import static perpwatch.core.stream.Fields.text;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import perpwatch.core.stream.FieldCodec;
import perpwatch.core.stream.Fields;
import perpwatch.core.stream.MalformedRecordException;

/**
 * {@code market:<sym>usdt:funding}: {@code symbol [oi_notional] oi_two_sided funding_rate funding_rate_8h
 * funding_interval_h funding_apr next_funding_time mark_price ts recv_ts oi_ts}. {@code oi_notional} is left out when
 * the venue gave no one-sided figure: an absent field reads as unknown, a guessed one would read as a fact.
 *
 * <p>Entries written before the one-sided figure was read carry {@code oi_value} (Bybit's two-sided
 * {@code openInterest}, in SOL) and an {@code oi_notional} computed from it, twice the one-sided value. They still
 * decode: that {@code oi_notional} becomes {@code oiTwoSided}, and {@code oiNotional} is null rather than halved.
 */
public final class FundingSnapshotCodec implements FieldCodec<FundingSnapshot> {
    public static final FundingSnapshotCodec INSTANCE = new FundingSnapshotCodec();

    @Override
    public Map<String, String> encode(FundingSnapshot s) {
        Map<String, String> f = new LinkedHashMap<>(16);
        f.put("symbol", s.symbol());
        if (s.oiNotional() != null) {
            f.put("oi_notional", Fields.decimal(s.oiNotional()));
        }
        f.put("oi_two_sided", Fields.decimal(s.oiTwoSided()));
        f.put("funding_rate", Fields.decimal(s.fundingRate()));
        f.put("funding_rate_8h", Fields.decimal(s.fundingRate8h()));
        f.put("funding_interval_h", Integer.toString(s.fundingIntervalH()));
        f.put("funding_apr", Fields.decimal(s.fundingApr()));
        f.put("next_funding_time", Long.toString(s.nextFundingTime()));
        f.put("mark_price", Fields.decimal(s.markPrice()));
        f.put("ts", Long.toString(s.ts()));
        f.put("recv_ts", Long.toString(s.recvTime()));
        f.put("oi_ts", Long.toString(s.oiTime()));
        return f;
    }

    @Override
    public FundingSnapshot decode(Map<String, String> f) {
        long interval = integer(f, "funding_interval_h");
        if (interval <= 0 || interval > 24) {
            throw new MalformedRecordException("funding_interval_h must be 1..24 hours, not " + interval);
        }
        BigDecimal oiNotional;
        BigDecimal oiTwoSided;
        if (f.containsKey("oi_two_sided")) {
            oiTwoSided = decimal(f, "oi_two_sided");
            oiNotional = f.containsKey("oi_notional") ? decimal(f, "oi_notional") : null;
        } else {
            decimal(f, "oi_value"); // the legacy shape, checked as strictly as before
            oiTwoSided = decimal(f, "oi_notional");
            oiNotional = null;
        }
        long ts = integer(f, "ts");
        // Legacy entries have no oi_ts; their one-sided figure is null anyway, so the ticker's time is harmless there.
        long oiTime = f.containsKey("oi_ts") ? integer(f, "oi_ts") : ts;
        return new FundingSnapshot(
                text(f, "symbol"),
                oiNotional,
                oiTwoSided,
                decimal(f, "funding_rate"),
                decimal(f, "funding_rate_8h"),
                (int) interval,
                decimal(f, "funding_apr"),
                integer(f, "next_funding_time"),
                decimal(f, "mark_price"),
                ts,
                integer(f, "recv_ts"),
                oiTime);
    }
}
