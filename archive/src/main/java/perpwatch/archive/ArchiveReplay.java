package perpwatch.archive;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import perpwatch.core.config.Env;
import perpwatch.core.redis.BufferedStreamWriter;
import perpwatch.core.redis.RedisConfig;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.stream.StreamKey;

/**
 * Replays a day of the archive into Redis streams, at N× the speed it was written, through the feeds' own writer
 * ({@link BufferedStreamWriter}): a backfill after a Redis loss, or yesterday's market into a fresh local cloud.
 *
 * <pre>
 * java -cp localstack/target/perpwatch-local.jar perpwatch.archive.ArchiveReplay \
 *     --s3=http://127.0.0.1:PORT --bucket=perpwatch-archive --day=20261124 --path=binance/SOLUSDT/trades \
 *     --redis=redis://127.0.0.1:6379 [--speed=60]      (speed 0 = as fast as possible)
 * </pre>
 */
public final class ArchiveReplay {
    private ArchiveReplay() {}

    public static void main(String[] args) throws Exception {
        String s3 = null;
        String bucket = "perpwatch-archive";
        String day = null;
        String path = null;
        String redisUrl = "redis://127.0.0.1:6379";
        double speed = 60;
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            switch (kv[0]) {
                case "--s3" -> s3 = kv[1];
                case "--bucket" -> bucket = kv[1];
                case "--day" -> day = kv[1];
                case "--path" -> path = kv[1];
                case "--redis" -> redisUrl = kv[1];
                case "--speed" -> speed = Double.parseDouble(kv[1]);
                default -> {
                    System.err.println("unknown option " + kv[0]);
                    System.exit(2);
                }
            }
        }
        if (day == null || path == null) {
            System.err.println("--day=YYYYMMDD and --path=<dataset path, e.g. binance/SOLUSDT/trades> are required");
            System.exit(2);
        }
        try (S3ArchiveStore store = S3ArchiveStore.create(
                        bucket,
                        "us-east-1",
                        Optional.ofNullable(s3).map(URI::create),
                        // An --s3 emulator gets the store's fixed emulator credentials (the local cloud's S3Proxy).
                        Optional.empty());
                RedisStreams redis =
                        new RedisStreams(RedisConfig.fromEnv(Env.of(Map.of("PERPWATCH_REDIS_URL", redisUrl))))) {
            int n = replay(
                    store, day, path, new BufferedStreamWriter(redis, 100_000, System::currentTimeMillis), speed);
            System.out.println("replayed " + n + " record(s) of " + path + " " + day);
        }
    }

    /** @return records written; the day's file, else its hourly files. */
    public static int replay(S3ArchiveStore store, String day, String path, BufferedStreamWriter writer, double speed)
            throws InterruptedException {
        Dataset.Located located = Dataset.forPath(path)
                .orElseThrow(() -> new IllegalArgumentException("no dataset has paths like " + path));
        List<GenericRecord> rows = new ArrayList<>();
        Optional<byte[]> daily = store.get(ArchivePaths.daily(path, day));
        if (daily.isPresent()) {
            rows.addAll(ParquetBytes.read(daily.get()));
        } else {
            for (int h = 0; h < 24; h++) {
                store.get(ArchivePaths.hourly(path, day, String.format("%02d", h)))
                        .ifPresent(b -> rows.addAll(ParquetBytes.read(b)));
            }
        }
        StreamKey key = new StreamKey(located.streamKey(), Duration.ofDays(30));
        long firstWritten = rows.isEmpty() ? 0 : (Long) rows.get(0).get(Dataset.WRITTEN_MS);
        long start = System.nanoTime();
        for (GenericRecord row : rows) {
            if (speed > 0) {
                long dueNanos = (long) (((Long) row.get(Dataset.WRITTEN_MS) - firstWritten) * 1_000_000 / speed);
                long wait = dueNanos - (System.nanoTime() - start);
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            writer.write(key, ArchiveRows.fields(located.dataset(), row));
        }
        writer.flush();
        return rows.size();
    }
}
