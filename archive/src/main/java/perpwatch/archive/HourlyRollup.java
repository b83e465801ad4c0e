package perpwatch.archive;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.core.kinesis.LogRecord;

/**
 * Compacts one hour of one dataset's raw parts into {@code hourly/<path>/YYYYMMDD/HH.parquet}: rows deduplicated by
 * (shard, sequence number) and ordered by (written time, shard, sequence), so re-running an hour gives the same rows
 * in the same order, hence the same bytes. The daily job concatenates the 24 hourly files the same way.
 */
public final class HourlyRollup {
    private static final Logger LOG = LoggerFactory.getLogger(HourlyRollup.class);
    private final S3ArchiveStore store;

    public HourlyRollup(S3ArchiveStore store) {
        this.store = store;
    }

    /** @return rows written (0, and no file, when the hour has no raw parts) */
    public int rollHour(Dataset dataset, String path, String day, String hour) {
        List<GenericRecord> rows = dedupe(readAll(store.list(ArchivePaths.rawHourPrefix(path, day, hour))));
        if (dataset == Dataset.BARS) {
            rows = lastRevisionPerMinute(rows);
        }
        if (rows.isEmpty()) {
            return 0;
        }
        store.put(ArchivePaths.hourly(path, day, hour), ParquetBytes.write(dataset.schema(), rows));
        if (dataset == Dataset.BARS) {
            writeHourBar(path, day, hour, rows);
        }
        LOG.info("rollup {} {} {}h: {} rows", path, day, hour, rows.size());
        return rows.size();
    }

    /** The 24 hourly files of a day → {@code <path>/YYYYMMDD.parquet}. */
    public int rollDay(Dataset dataset, String path, String day) {
        List<String> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            hours.add(ArchivePaths.hourly(path, day, String.format("%02d", h)));
        }
        List<GenericRecord> rows = new ArrayList<>();
        for (String key : hours) {
            store.get(key).ifPresent(bytes -> rows.addAll(ParquetBytes.read(bytes)));
        }
        List<GenericRecord> ordered = dedupe(rows);
        if (dataset == Dataset.BARS) {
            // A revision written in a later hour than its minute's first publication meets it here.
            ordered = lastRevisionPerMinute(ordered);
        }
        if (ordered.isEmpty()) {
            return 0;
        }
        store.put(ArchivePaths.daily(path, day), ParquetBytes.write(dataset.schema(), ordered));
        return ordered.size();
    }

    /** {@code hourly/<path>_1h/YYYYMMDD/HH.parquet}: the hour's 1-hour bar, a row of the same schema. */
    private void writeHourBar(String path, String day, String hour, List<GenericRecord> minuteBars) {
        List<GenericRecord> ordered = new ArrayList<>(minuteBars);
        ordered.sort(Comparator.comparingLong(r -> Long.parseLong(r.get("ts").toString())));
        long hourStart = LocalDateTime.parse(day + hour, DateTimeFormatter.ofPattern("yyyyMMddHH"))
                .toInstant(ZoneOffset.UTC)
                .toEpochMilli();
        HourBars.aggregate(ordered, hourStart).ifPresent(fields -> {
            GenericRecord last = ordered.get(ordered.size() - 1);
            GenericRecord bar = ArchiveRows.row(
                    Dataset.BARS,
                    new LogRecord(
                            "", fields, (Long) last.get(Dataset.WRITTEN_MS), "hour-bar:" + path + ":" + day + hour),
                    last.get(Dataset.SHARD).toString(),
                    last.get(Dataset.SEQUENCE).toString());
            store.put(
                    ArchivePaths.hourly(path + "_1h", day, hour),
                    ParquetBytes.write(Dataset.BARS.schema(), List.of(bar)));
        });
    }

    private List<GenericRecord> readAll(List<String> keys) {
        List<GenericRecord> rows = new ArrayList<>();
        for (String key : keys) {
            store.get(key).ifPresent(bytes -> rows.addAll(ParquetBytes.read(bytes)));
        }
        return rows;
    }

    /**
     * Rows unique by (shard, sequence), then by the producer's record id (a resend after a lost answer, or a Helius
     * redelivery logged while Redis could not recognise it, has its own sequence number but the same id: the first in
     * log order is kept), in the archive's order: the core of every rollup.
     */
    public static List<GenericRecord> dedupe(List<GenericRecord> rows) {
        // Keys are read once per row, not once per comparison: a row's fields may be Avro Utf8, whose toString copies.
        Map<LogPosition, GenericRecord> unique = new HashMap<>(rows.size() * 2);
        for (GenericRecord r : rows) {
            unique.putIfAbsent(LogPosition.of(r), r);
        }
        LogPosition[] keys = unique.keySet().toArray(new LogPosition[0]);
        Arrays.sort(keys);
        List<GenericRecord> out = new ArrayList<>(keys.length);
        Set<String> ids = new HashSet<>(keys.length * 2);
        for (LogPosition key : keys) {
            GenericRecord row = unique.get(key);
            String id = recordId(row);
            if (id == null || ids.add(id)) {
                out.add(row);
            }
        }
        return out;
    }

    /**
     * Bars re-published with a higher {@code revision} (a late or backfilled trade) replace the earlier ones of their
     * minute ({@code ts}); on equal revisions the later row in log order wins. Rows keep the archive's order, each
     * minute at the position of the row that won. Rows without a revision (written before it existed) are revision 0.
     */
    public static List<GenericRecord> lastRevisionPerMinute(List<GenericRecord> ordered) {
        Map<String, Integer> winner = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            GenericRecord row = ordered.get(i);
            String ts = String.valueOf(row.get("ts"));
            Integer best = winner.get(ts);
            if (best == null || revision(row) >= revision(ordered.get(best))) {
                winner.put(ts, i);
            }
        }
        List<GenericRecord> out = new ArrayList<>(winner.size());
        Set<Integer> keep = new HashSet<>(winner.values());
        for (int i = 0; i < ordered.size(); i++) {
            if (keep.contains(i)) {
                out.add(ordered.get(i));
            }
        }
        return out;
    }

    private static int revision(GenericRecord row) {
        Object r = row.getSchema().getField("revision") == null ? null : row.get("revision");
        return r == null || r.toString().isEmpty() ? 0 : Integer.parseInt(r.toString());
    }

    private static String recordId(GenericRecord row) {
        Object id = row.getSchema().getField(Dataset.RECORD_ID) == null ? null : row.get(Dataset.RECORD_ID);
        if (id != null) {
            return id.toString();
        }
        // A row from before every record carried an id. A webhook event's id is its signature, so even those dedupe;
        // any other such row is kept (nothing tells a resend from a new record).
        Object signature = row.getSchema().getField("signature") == null ? null : row.get("signature");
        return signature == null ? null : "helius:" + signature;
    }

    /** Where a row sits in the log, ordered as the archive orders rows: written time, shard, sequence number. */
    private record LogPosition(long writtenMs, String shard, String sequence) implements Comparable<LogPosition> {
        static LogPosition of(GenericRecord row) {
            return new LogPosition(
                    (Long) row.get(Dataset.WRITTEN_MS),
                    row.get(Dataset.SHARD).toString(),
                    row.get(Dataset.SEQUENCE).toString());
        }

        @Override
        public int compareTo(LogPosition o) {
            int c = Long.compare(writtenMs, o.writtenMs);
            if (c == 0) {
                c = shard.compareTo(o.shard);
            }
            return c != 0 ? c : SequenceOrder.compare(sequence, o.sequence);
        }
    }
}
