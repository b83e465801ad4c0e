package perpwatch.cdk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Stand-ins for the built jars and files: the stacks only need the paths to exist to stage them as assets. */
final class TestArtifacts {
    private TestArtifacts() {}

    static Artifacts create(Path dir) throws IOException {
        Artifacts a = Artifacts.under(dir);
        Files.createDirectories(a.functionsJar().getParent());
        Files.write(
                a.functionsJar(), new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        Files.createDirectories(a.archiveJar().getParent());
        Files.copy(a.functionsJar(), a.archiveJar());
        Files.createDirectories(a.feedTasksDir().resolve("target"));
        Files.writeString(a.feedTasksDir().resolve("Dockerfile"), "FROM scratch\n");
        Files.write(a.feedTasksDir().resolve("target/perpwatch-feed-tasks.jar"), new byte[] {1});
        Files.createDirectories(a.webDist());
        Files.writeString(a.webDist().resolve("index.html"), "<!doctype html>");
        return a.requireBuilt();
    }
}
