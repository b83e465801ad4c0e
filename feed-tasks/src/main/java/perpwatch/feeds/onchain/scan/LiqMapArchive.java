package perpwatch.feeds.onchain.scan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import perpwatch.archive.ParquetBytes;
import perpwatch.archive.S3ArchiveStore;
import perpwatch.feeds.onchain.LiqPosition;

/**
 * Each scan as Parquet in the archive bucket: first {@code drift/liq_map/scans/<scan_id>.parquet}, then the same
 * bytes over {@code drift/liq_map/latest.parquet}. S3 has no rename, so the immutable per-scan key is the pointer
 * readers trust: the stream summary names it ({@code s3_key}), and it is published only after both writes.
 * Decimals stay exact strings, as everywhere in the archive.
 */
public final class LiqMapArchive implements AutoCloseable {
    static final String PREFIX = "drift/liq_map/";
    static final String LATEST = PREFIX + "latest.parquet";
    static final Schema SCHEMA = SchemaBuilder.record("drift_liq_map")
            .namespace("perpwatch.archive")
            .fields()
            .requiredString("scan_id")
            .requiredString("user_pubkey")
            .requiredInt("market")
            .requiredString("side")
            .requiredString("position_size")
            .optionalString("entry_price")
            .optionalString("liq_price")
            .optionalString("distance_bps")
            .optionalString("collateral")
            .optionalString("leverage")
            .optionalString("no_liq_reason")
            .requiredString("oracle_px")
            .requiredLong("slot")
            .requiredLong("timestamp")
            .endRecord();

    private final S3ArchiveStore store;

    public LiqMapArchive(S3ArchiveStore store) {
        this.store = store;
    }

    public static LiqMapArchive create(ArchiveTarget target) {
        return new LiqMapArchive(
                S3ArchiveStore.create(target.bucket(), target.region(), target.endpoint(), Optional.empty()));
    }

    /** @return the per-scan key */
    public String store(LiqMap map) {
        byte[] parquet = ParquetBytes.write(SCHEMA, rows(map));
        String key = PREFIX + "scans/" + map.scanId() + ".parquet";
        store.put(key, parquet);
        store.put(LATEST, parquet);
        return key;
    }

    static List<GenericRecord> rows(LiqMap map) {
        List<GenericRecord> rows = new ArrayList<>(map.positions().size());
        String oracle = BigDecimal.valueOf(map.oracle().price(), 6).toPlainString();
        for (LiqPosition p : map.positions()) {
            GenericRecord r = new GenericData.Record(SCHEMA);
            r.put("scan_id", map.scanId());
            r.put("user_pubkey", p.userPubkey());
            r.put("market", p.marketIndex());
            r.put("side", p.side());
            r.put("position_size", p.positionSize().toPlainString());
            r.put("entry_price", text(p.entryPrice()));
            r.put("liq_price", text(p.liqPrice()));
            r.put("distance_bps", text(p.distanceBps()));
            r.put("collateral", text(p.collateral()));
            r.put("leverage", text(p.leverage()));
            r.put("no_liq_reason", p.noLiqReason());
            r.put("oracle_px", oracle);
            r.put("slot", map.slot());
            r.put("timestamp", map.finishedMs());
            rows.add(r);
        }
        return rows;
    }

    private static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    @Override
    public void close() {
        store.close();
    }
}
