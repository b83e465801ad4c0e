package perpwatch.functions.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Helius enhanced transaction that touches a watched program (Velocity or Drift v2), as we store it.
 *
 * @param program   which watched program it touched ({@code velocity} or {@code drift-v2})
 * @param eventType Helius's {@code type} (e.g. {@code UNKNOWN} for most Drift instructions) — kept as Helius says
 * @param account   the fee payer: the wallet that sent it
 * @param data      the whole enhanced transaction, compact JSON, for whoever decodes Drift instructions later
 * @param timestamp block time, epoch seconds (Helius's unit)
 */
record DriftTransaction(
        String signature, String program, String eventType, String account, long slot, String data, long timestamp) {

    /**
     * {@code onchain:drift:events} fields: {@code signature program event_type account slot data timestamp ts
     * recv_ts}.
     */
    Map<String, String> fields(long recvMs) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("signature", signature);
        f.put("program", program);
        f.put("event_type", eventType);
        f.put("account", account);
        f.put("slot", Long.toString(slot));
        f.put("data", data);
        f.put("timestamp", Long.toString(timestamp));
        f.put("ts", Long.toString(timestamp * 1000));
        f.put("recv_ts", Long.toString(recvMs));
        return f;
    }
}
