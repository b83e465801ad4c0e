package perpwatch.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import perpwatch.archive.ArchiveRows;
import perpwatch.archive.Dataset;
import perpwatch.archive.HourlyRollup;
import perpwatch.archive.ParquetBytes;
import perpwatch.core.kinesis.LogRecord;

/**
 * The rollup's work on one hour in memory (S3 excluded): raw rows with 10 % redelivered duplicates → dedupe by
 * sequence, order, write one Parquet file. One op = one input row. Also prints Parquet bytes per row.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ArchiveRollupBenchmark {
    static final int ROWS = 100_000;

    @Param({"PRICE", "LIQUIDATIONS", "BOOK"})
    public String dataset;

    private Dataset ds;
    private List<GenericRecord> raw;

    @Setup
    public void setUp() {
        ds = Dataset.valueOf(dataset);
        raw = new ArrayList<>(ROWS);
        long t = 1_764_000_000_000L;
        int unique = ROWS * 10 / 11;
        for (int i = 0; i < ROWS; i++) {
            int n = i % unique; // the last tenth repeats earlier sequence numbers, as a redelivered batch does
            Map<String, String> fields = new LinkedHashMap<>();
            for (String f : ds.fields()) {
                fields.put(
                        f,
                        f.endsWith("ts")
                                ? Long.toString(t + n * 36L)
                                : Integer.toString(150_000 + n % 997) + "." + (n % 100));
            }
            raw.add(ArchiveRows.row(
                    ds,
                    new LogRecord("market:solusdt:x", fields, t + n * 36L, "b-" + n),
                    "shardId-000000000000",
                    String.format("%056d", n)));
        }
        byte[] file = ParquetBytes.write(ds.schema(), HourlyRollup.dedupe(raw));
        System.out.printf(
                "%n%s: %d unique rows → %d bytes of Parquet, %.1f bytes/row%n",
                ds, unique, file.length, (double) file.length / unique);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public byte[] dedupeOrderAndWrite() {
        return ParquetBytes.write(ds.schema(), HourlyRollup.dedupe(raw));
    }
}
