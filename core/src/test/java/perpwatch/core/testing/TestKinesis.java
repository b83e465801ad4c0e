package perpwatch.core.testing;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import perpwatch.core.kinesis.KinesisClients;
import perpwatch.core.kinesis.KinesisConfig;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The Kinesis emulator kinesis-local (kinesis-mock, the engine LocalStack uses) as a Node process on a free loopback
 * port, with the named streams created. It is installed by {@code npm ci} in {@code tools/kinesis-local} (the
 * {@code perpwatch} script does that); when it is absent, tests skip, unless {@code -Dperpwatch.require.kinesis=true}
 * (what {@code ./perpwatch test} passes) turns the absence into a failure.
 */
public final class TestKinesis implements AutoCloseable {
    private final Process process;
    private final URI endpoint;
    private final String stream;

    private TestKinesis(Process process, URI endpoint, String stream) {
        this.process = process;
        this.endpoint = endpoint;
        this.stream = stream;
    }

    /** Starts the emulator with {@code stream} ({@code shards} shards) and waits until the stream is ACTIVE. */
    public static TestKinesis start(String stream, int shards) {
        return start(stream, shards, TestRedis.freePort());
    }

    /** On a chosen port: a test can point a client at it before the emulator exists (an outage that ends). */
    public static TestKinesis start(String stream, int shards, int port) {
        Path main = emulatorMain();
        ProcessBuilder builder = new ProcessBuilder("node", main.getFileName().toString())
                // It reads its TLS material (server.json) relative to the working directory.
                .directory(main.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile(port));
        Map<String, String> env = builder.environment();
        env.put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(port));
        env.put("KINESIS_MOCK_TLS_PORT", Integer.toString(TestRedis.freePort()));
        env.put("INITIALIZE_STREAMS", stream + ":" + shards);
        env.put("CREATE_STREAM_DURATION", "0ms");
        env.put("DELETE_STREAM_DURATION", "0ms");
        env.put("UPDATE_SHARD_COUNT_DURATION", "0ms");
        env.put("LOG_LEVEL", "WARN");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start node for the Kinesis emulator: " + e.getMessage(), e);
        }
        TestKinesis kinesis = new TestKinesis(process, URI.create("http://127.0.0.1:" + port), stream);
        kinesis.awaitActive(Duration.ofSeconds(60));
        return kinesis;
    }

    private static File logFile(int port) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "kinesis-local"));
            return dir.resolve("kinesis-" + port + ".log").toFile();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path emulatorMain() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path main = d.resolve("tools/kinesis-local/node_modules/kinesis-local/main.js");
            if (Files.isRegularFile(main)) {
                return main;
            }
        }
        String hint =
                "the Kinesis emulator is not installed: run `npm ci --prefix tools/kinesis-local` (./perpwatch test "
                        + "does)";
        if (Boolean.getBoolean("perpwatch.require.kinesis")) {
            throw new IllegalStateException(hint);
        }
        Assumptions.abort(hint);
        throw new AssertionError("unreachable");
    }

    private void awaitActive(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        try (KinesisClient client = client()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the Kinesis emulator exited with " + process.exitValue());
                }
                try {
                    if (client.describeStreamSummary(b -> b.streamName(stream))
                                    .streamDescriptionSummary()
                                    .streamStatus()
                            == StreamStatus.ACTIVE) {
                        return;
                    }
                } catch (RuntimeException e) {
                    last = e;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        close();
        throw new IllegalStateException("the Kinesis emulator did not make " + stream + " ACTIVE in " + timeout, last);
    }

    public URI endpoint() {
        return endpoint;
    }

    public String stream() {
        return stream;
    }

    /** The configuration that points perpwatch at this emulator. */
    public KinesisConfig config() {
        return new KinesisConfig(stream, java.util.Optional.of(endpoint), "us-east-1");
    }

    public KinesisClient client() {
        return KinesisClients.create(config());
    }

    /** Every record in the stream so far, shard by shard from the oldest, decoded. */
    public java.util.List<perpwatch.core.kinesis.LogRecord> readAll() {
        return readRaw().stream()
                .map(perpwatch.core.kinesis.LogRecordCodec::decode)
                .toList();
    }

    /** Every record's bytes in the stream so far, shard by shard from the oldest, as stored. */
    public java.util.List<byte[]> readRaw() {
        java.util.List<byte[]> out = new java.util.ArrayList<>();
        try (KinesisClient client = client()) {
            for (var shard : client.listShards(b -> b.streamName(stream)).shards()) {
                String iterator = client.getShardIterator(b -> b.streamName(stream)
                                .shardId(shard.shardId())
                                .shardIteratorType(
                                        software.amazon.awssdk.services.kinesis.model.ShardIteratorType.TRIM_HORIZON))
                        .shardIterator();
                while (iterator != null) {
                    String current = iterator;
                    var page = client.getRecords(b -> b.shardIterator(current).limit(1000));
                    page.records().forEach(r -> out.add(r.data().asByteArray()));
                    if (page.records().isEmpty()
                            || page.millisBehindLatest() == null
                            || page.millisBehindLatest() == 0) {
                        break;
                    }
                    iterator = page.nextShardIterator();
                }
            }
        }
        return out;
    }

    /** Takes the emulator away (an outage); it cannot come back on the same port with the same data. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
