package perpwatch.archive;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import perpwatch.core.kinesis.LogRecord;

/** Log records ⇄ dataset rows. */
public final class ArchiveRows {
    private ArchiveRows() {}

    /** One row: the record's fields by name (absent ones null), when it was written, where it sits in the log. */
    public static GenericRecord row(Dataset dataset, LogRecord record, String shard, String sequence) {
        GenericRecord row = new GenericData.Record(dataset.schema());
        for (String field : dataset.fields()) {
            row.put(field, record.fields().get(field));
        }
        row.put(Dataset.WRITTEN_MS, record.writtenMs());
        row.put(Dataset.SHARD, shard);
        row.put(Dataset.SEQUENCE, sequence);
        row.put(Dataset.RECORD_ID, record.id());
        return row;
    }

    /** The stream fields of a row, as Redis held them (fields the row does not have are left out). */
    public static Map<String, String> fields(Dataset dataset, GenericRecord row) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : dataset.fields()) {
            // A row written before a field was added has no such column: Avro throws on get() of a name its schema
            // lacks.
            if (row.getSchema().getField(field) == null) {
                continue;
            }
            Object value = row.get(field);
            if (value != null) {
                fields.put(field, value.toString());
            }
        }
        return fields;
    }
}
