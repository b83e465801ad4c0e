package perpwatch.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The CDK's feed services are written by hand (each has its size and alarm), so nothing else stops a task added to
 * {@code FeedTasks} from never being deployed, or a service from starting a task that no longer exists (it would exit
 * at start with "unknown task", over and over). No synth: this is about the two lists only.
 *
 * <p>The CDK module depends on no perpwatch module (a Maven dependency, even test-scoped, would have to be resolvable
 * when {@code cdk synth} runs {@code mvn compile exec:java} from {@code cdk/} alone), so, as the stacks read the built
 * jars by path, this test reads the compiled {@code FeedTasks} from {@code feed-tasks/target/classes} (and the core
 * classes it needs) in a loader of its own. The reactor compiles both modules before this one.
 */
class FeedTasksDeployedTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyFeedTaskHasOneServiceAndEveryServiceRunsATask() throws Exception {
        List<String> deployed = FeedService.ALL.stream().map(FeedService::task).toList();
        assertEquals(deployed.size(), new TreeSet<>(deployed).size(), "a task deployed twice: " + deployed);
        assertEquals(
                new TreeSet<>(feedTaskNames()),
                new TreeSet<>(deployed),
                "FeedTasks.names() (feed-tasks) and FeedService.ALL (cdk) must name the same tasks: add the"
                        + " service with its size and silence alarm to FeedService.ALL");
    }

    @SuppressWarnings("unchecked")
    static List<String> feedTaskNames() throws Exception {
        Path feedTasks = ROOT.resolve("feed-tasks/target/classes");
        Path core = ROOT.resolve("core/target/classes");
        for (Path classes : List.of(feedTasks, core)) {
            assertTrue(
                    Files.isDirectory(classes),
                    classes + " is not built: run `mvn -B -q -pl feed-tasks -am compile` from the repository root");
        }
        // The platform loader as parent: nothing of the CDK's classpath (jsii's Jackson) mixes with theirs.
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {feedTasks.toUri().toURL(), core.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> catalogue = Class.forName("perpwatch.feeds.FeedTasks", true, loader);
            return (List<String>) catalogue.getMethod("names").invoke(null);
        }
    }
}
