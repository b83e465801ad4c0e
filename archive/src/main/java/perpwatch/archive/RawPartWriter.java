package perpwatch.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archiver's work on one batch of log records (a Lambda invocation's Kinesis event, or one poll locally):
 * group by dataset, hour and shard, and write each group as one raw Parquet part named by its shard and sequence
 * range. A redelivered batch writes the same keys with the same bytes, so retries never duplicate anything;
 * the rollup deduplicates overlapping ranges by sequence number.
 */
public final class RawPartWriter {
    private static final Logger LOG = LoggerFactory.getLogger(RawPartWriter.class);
    private final S3ArchiveStore store;

    public RawPartWriter(S3ArchiveStore store) {
        this.store = store;
    }

    private record Group(Dataset.Located located, String day, String hour, String shard) implements Comparable<Group> {
        @Override
        public int compareTo(Group o) {
            return (located.path() + day + hour + shard).compareTo(o.located.path() + o.day + o.hour + o.shard);
        }
    }

    /** @return the keys written */
    public List<String> write(List<LoggedRecord> batch) {
        Map<Group, List<LoggedRecord>> groups = new TreeMap<>();
        int unknown = 0;
        for (LoggedRecord r : batch) {
            var located = Dataset.locate(r.record().stream());
            if (located.isEmpty()) {
                unknown++;
                continue;
            }
            long t = r.record().writtenMs();
            groups.computeIfAbsent(
                            new Group(located.get(), ArchivePaths.day(t), ArchivePaths.hour(t), r.shard()),
                            g -> new ArrayList<>())
                    .add(r);
        }
        if (unknown > 0) {
            LOG.warn("archiver: {} record(s) of streams no dataset claims were skipped", unknown);
        }
        List<String> keys = new ArrayList<>();
        for (Map.Entry<Group, List<LoggedRecord>> e : groups.entrySet()) {
            List<LoggedRecord> records = e.getValue();
            records.sort((a, b) -> SequenceOrder.compare(a.sequence(), b.sequence()));
            Dataset dataset = e.getKey().located().dataset();
            List<GenericRecord> rows = new ArrayList<>(records.size());
            records.forEach(r -> rows.add(ArchiveRows.row(dataset, r.record(), r.shard(), r.sequence())));
            String key = ArchivePaths.rawPart(
                    e.getKey().located().path(),
                    records.get(0).record().writtenMs(),
                    e.getKey().shard(),
                    records.get(0).sequence(),
                    records.get(records.size() - 1).sequence());
            store.put(key, ParquetBytes.write(dataset.schema(), rows));
            keys.add(key);
        }
        return keys;
    }
}
