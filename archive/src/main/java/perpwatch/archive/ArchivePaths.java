package perpwatch.archive;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** S3 keys of the archive (DESIGN §6). Hours are UTC and come from when a record was written. */
public final class ArchivePaths {
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("HH").withZone(ZoneOffset.UTC);

    private ArchivePaths() {}

    public static String day(long epochMs) {
        return DAY.format(Instant.ofEpochMilli(epochMs));
    }

    public static String hour(long epochMs) {
        return HOUR.format(Instant.ofEpochMilli(epochMs));
    }

    /** A raw part: one shard's contiguous sequence range of one dataset within one hour. */
    public static String rawPart(String path, long epochMs, String shard, String firstSequence, String lastSequence) {
        return "raw/" + path + "/" + day(epochMs) + "/" + hour(epochMs) + "/" + shard + "-" + firstSequence + "-"
                + lastSequence + ".parquet";
    }

    public static String rawHourPrefix(String path, String day, String hour) {
        return "raw/" + path + "/" + day + "/" + hour + "/";
    }

    public static String hourly(String path, String day, String hour) {
        return "hourly/" + path + "/" + day + "/" + hour + ".parquet";
    }

    public static String daily(String path, String day) {
        return path + "/" + day + ".parquet";
    }
}
