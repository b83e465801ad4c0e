package perpwatch.functions.onchain;

import java.util.Map;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamKeys;

/** A published scan as the drift-liq-map task writes it (its own test checks that side of the contract). */
public final class LiqMapSamples {
    private LiqMapSamples() {}

    public static void publish(RedisStreams streams, String scanId, long now) {
        publish(streams, scanId, now, "\"program\":\"velocity\",\"state\":\"live\",\"reason\":\"\",");
    }

    /** A scan that says it is {@code state} for {@code reason}. */
    public static void publish(RedisStreams streams, String scanId, long now, String state, String reason) {
        publish(
                streams,
                scanId,
                now,
                "\"program\":\"drift-v2\",\"state\":\"" + state + "\",\"reason\":\"" + reason + "\",");
    }

    /** A scan as the task wrote it before it judged its own freshness: no state at all. */
    public static void publishWithoutState(RedisStreams streams, String scanId, long now) {
        publish(streams, scanId, now, "");
    }

    private static void publish(RedisStreams streams, String scanId, long now, String verdict) {
        String doc = "{\"scan_id\":\"" + scanId + "\"," + verdict + "\"market\":0,\"ts\":" + now
                + ",\"slot\":300000000,\"oracle_px\":150.000000,"
                + "\"oracle_source\":\"oracle_account\",\"accounts\":4,\"undecodable\":0,\"positions\":3,"
                + "\"with_liq_price\":2,\"duration_ms\":12,\"funding_rate_hourly_pct\":0.001,\"s3_key\":\"\","
                + "\"entries\":["
                + entry("L1", "long", "10", "140.5", "120.25", "1983.33", null, now) + ","
                + entry("S1", "short", "-2", "151", "190.5", "2700.00", null, now) + ","
                + entry("L2", "long", "0.1", "149", null, null, "fully_collateralized", now) + "]}";
        streams.publishSnapshot(
                StreamKeys.DRIFT_LIQ_MAP_LATEST,
                doc,
                StreamKeys.driftLiqMap(),
                Map.of(
                        "scan_id",
                        scanId,
                        "accounts",
                        "4",
                        "positions",
                        "3",
                        "s3_key",
                        "",
                        "oracle_px",
                        "150.000000",
                        "ts",
                        Long.toString(now)),
                now);
    }

    private static String entry(
            String user, String side, String size, String entry, String liq, String distance, String reason, long now) {
        return "{\"user_pubkey\":\"" + user + "\",\"market\":0,\"side\":\"" + side + "\",\"position_size\":" + size
                + ",\"entry_price\":" + entry
                + ",\"liq_price\":" + liq + ",\"distance_bps\":" + distance
                + ",\"collateral\":1000.5,\"leverage\":1.5,\"no_liq_reason\":"
                + (reason == null ? "null" : "\"" + reason + "\"") + ",\"timestamp\":" + now + "}";
    }
}
