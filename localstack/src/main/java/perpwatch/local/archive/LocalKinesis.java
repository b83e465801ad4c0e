package perpwatch.local.archive;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import perpwatch.local.net.FreePorts;

/**
 * The Kinesis emulator kinesis-local (kinesis-mock on Node, installed by {@code ./perpwatch} into
 * {@code tools/kinesis-local}) as a child process on a loopback port. Absent, the local cloud runs without the
 * durable log and says so.
 */
public final class LocalKinesis implements AutoCloseable {
    private final Process process;
    private final URI endpoint;

    private LocalKinesis(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /**
     * The emulator's entry point under {@code root}, or under its parent (a module's directory, where Maven runs a
     * module's tests), if installed.
     */
    public static Optional<Path> installed(Path root) {
        for (Path dir : root.getParent() == null ? List.of(root) : List.of(root, root.getParent())) {
            Path main = dir.resolve("tools/kinesis-local/node_modules/kinesis-local/main.js");
            if (Files.isRegularFile(main)) {
                return Optional.of(main);
            }
        }
        return Optional.empty();
    }

    public static LocalKinesis start(Path main, String stream, Path logDir) throws IOException {
        int port = FreePorts.any();
        Files.createDirectories(logDir);
        ProcessBuilder builder = new ProcessBuilder("node", main.getFileName().toString())
                .directory(main.getParent().toFile()) // it reads server.json from its working directory
                .redirectErrorStream(true)
                .redirectOutput(logDir.resolve("kinesis-local.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(port));
        env.put("KINESIS_MOCK_TLS_PORT", Integer.toString(FreePorts.any()));
        env.put("INITIALIZE_STREAMS", stream + ":1");
        env.put("CREATE_STREAM_DURATION", "0ms");
        env.put("LOG_LEVEL", "WARN");
        return new LocalKinesis(builder.start(), URI.create("http://127.0.0.1:" + port));
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
