package perpwatch.feeds.onchain.scan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamKeys;
import perpwatch.feeds.onchain.LiqPosition;

/**
 * Publishes a scan for the API: the whole map as one JSON document at {@link StreamKeys#DRIFT_LIQ_MAP_LATEST} and
 * its summary on {@code onchain:drift:liq_map}, replaced together atomically. The API serves from Redis, so the
 * read path needs no Parquet.
 */
public final class LiqMapPublisher {
    private final RedisStreams redis;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong published = new AtomicLong();

    public LiqMapPublisher(RedisStreams redis) {
        this.redis = redis;
    }

    public void publish(LiqMap map) {
        publish(map, "");
    }

    /** {@code s3Key}: where the scan's Parquet was archived, or empty when it was not. */
    public void publish(LiqMap map, String s3Key) {
        Map<String, String> summary = summary(map);
        summary.put("s3_key", s3Key);
        redis.publishSnapshot(
                StreamKeys.DRIFT_LIQ_MAP_LATEST,
                document(map, s3Key),
                StreamKeys.driftLiqMap(),
                summary,
                map.finishedMs());
        published.incrementAndGet();
    }

    /** Scans published so far: the task's records written, for its liveness pulse. */
    public long published() {
        return published.get();
    }

    /** DESIGN §4 fields, plus what a reader needs to judge the scan. */
    static Map<String, String> summary(LiqMap map) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("scan_id", map.scanId());
        s.put("program", map.program());
        // The State's pause bits, so a reader can tell frozen positions (a paused program) from live ones.
        s.put(
                "exchange_status",
                map.exchange() == null ? "" : Integer.toString(map.exchange().bits()));
        s.put(
                "frozen",
                map.exchange() == null
                        ? "unknown"
                        : Boolean.toString(map.exchange().frozen()));
        s.put("market", Integer.toString(map.marketIndex()));
        s.put("accounts", Long.toString(map.accounts()));
        s.put("positions", Integer.toString(map.positions().size()));
        s.put("with_liq_price", Long.toString(map.withLiqPrice()));
        s.put("undecodable", Long.toString(map.undecodable()));
        s.put("s3_key", "");
        s.put("oracle_px", BigDecimal.valueOf(map.oracle().price(), 6).toPlainString());
        s.put("oracle_source", map.oracle().source().name().toLowerCase(java.util.Locale.ROOT));
        s.put("slot", Long.toString(map.slot()));
        s.put(
                "funding_rate_hourly_pct",
                map.fundingRateHourlyPct() == null
                        ? ""
                        : map.fundingRateHourlyPct().toPlainString());
        s.put("duration_ms", Long.toString(map.finishedMs() - map.startedMs()));
        s.put("ts", Long.toString(map.finishedMs()));
        return s;
    }

    /** The API's body, typed (the stream summary holds strings, as every stream field does). */
    private String document(LiqMap map, String s3Key) {
        List<Map<String, Object>> entries = new ArrayList<>(map.positions().size());
        for (LiqPosition p : map.positions()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("user_pubkey", p.userPubkey());
            e.put("market", p.marketIndex());
            e.put("side", p.side());
            e.put("position_size", p.positionSize());
            e.put("entry_price", p.entryPrice());
            e.put("liq_price", p.liqPrice());
            e.put("distance_bps", p.distanceBps());
            e.put("collateral", p.collateral());
            e.put("leverage", p.leverage());
            e.put("no_liq_reason", p.noLiqReason());
            e.put("timestamp", map.finishedMs());
            entries.add(e);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("scan_id", map.scanId());
        doc.put("market", map.marketIndex());
        doc.put("ts", map.finishedMs());
        doc.put("slot", map.slot());
        doc.put("oracle_px", BigDecimal.valueOf(map.oracle().price(), 6));
        doc.put("oracle_source", map.oracle().source().name().toLowerCase(java.util.Locale.ROOT));
        doc.put("funding_rate_hourly_pct", map.fundingRateHourlyPct());
        doc.put("accounts", map.accounts());
        doc.put("undecodable", map.undecodable());
        doc.put("positions", map.positions().size());
        doc.put("with_liq_price", map.withLiqPrice());
        doc.put("duration_ms", map.finishedMs() - map.startedMs());
        doc.put("s3_key", s3Key);
        doc.put("entries", entries);
        try {
            return json.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("liquidation map not serializable", e);
        }
    }
}
