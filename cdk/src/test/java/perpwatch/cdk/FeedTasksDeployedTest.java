package perpwatch.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import perpwatch.feeds.FeedTasks;

/**
 * The CDK's feed services are written by hand (each has its size and alarm), so nothing else stops a task added to
 * {@code FeedTasks} from never being deployed, or a service from starting a task that no longer exists (it would exit
 * at start with "unknown task", over and over). No synth: this is about the two lists only.
 */
class FeedTasksDeployedTest {
    @Test
    void everyFeedTaskHasOneServiceAndEveryServiceRunsATask() {
        List<String> deployed = FeedService.ALL.stream().map(FeedService::task).toList();
        assertEquals(deployed.size(), new TreeSet<>(deployed).size(), "a task deployed twice: " + deployed);
        assertEquals(
                new TreeSet<>(FeedTasks.names()),
                new TreeSet<>(deployed),
                "FeedTasks.names() (feed-tasks) and FeedService.ALL (cdk) must name the same tasks: add the"
                        + " service with its size and silence alarm to FeedService.ALL");
    }
}
