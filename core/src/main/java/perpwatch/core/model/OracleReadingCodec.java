package perpwatch.core.model;

import static perpwatch.core.stream.Fields.decimal;
import static perpwatch.core.stream.Fields.integer;
import static perpwatch.core.stream.Fields.text;

import java.util.LinkedHashMap;
import java.util.Map;
import perpwatch.core.stream.FieldCodec;
import perpwatch.core.stream.Fields;
import perpwatch.core.stream.MalformedRecordException;

/** {@code velocity:<market>:oracle}: {@code symbol price confidence posted_slot slot ts recv_ts}. */
public final class OracleReadingCodec implements FieldCodec<OracleReading> {
    public static final OracleReadingCodec INSTANCE = new OracleReadingCodec();

    @Override
    public Map<String, String> encode(OracleReading r) {
        Map<String, String> f = new LinkedHashMap<>(10);
        f.put("symbol", r.symbol());
        f.put("price", Fields.decimal(r.price()));
        f.put("confidence", Fields.decimal(r.confidence()));
        f.put("posted_slot", Long.toString(r.postedSlot()));
        f.put("slot", Long.toString(r.slot()));
        f.put("ts", Long.toString(r.ts()));
        f.put("recv_ts", Long.toString(r.recvTime()));
        return f;
    }

    @Override
    public OracleReading decode(Map<String, String> f) {
        OracleReading reading = new OracleReading(
                text(f, "symbol"),
                decimal(f, "price"),
                decimal(f, "confidence"),
                integer(f, "posted_slot"),
                integer(f, "slot"),
                integer(f, "ts"),
                integer(f, "recv_ts"));
        // A price of zero or less is no oracle reading at all: refusing it keeps a guard from judging against it.
        if (reading.price().signum() <= 0) {
            throw new MalformedRecordException("oracle price must be positive, not " + reading.price());
        }
        if (reading.postedSlot() <= 0 || reading.slot() <= 0) {
            throw new MalformedRecordException(
                    "slots must be positive, not posted_slot " + reading.postedSlot() + ", slot " + reading.slot());
        }
        return reading;
    }
}
