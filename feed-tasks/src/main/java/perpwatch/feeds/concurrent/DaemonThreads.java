package perpwatch.feeds.concurrent;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Worker-owned timer threads: named after the worker for logs and thread dumps, daemons so they never hold the JVM. */
public final class DaemonThreads {
    private DaemonThreads() {}

    public static ScheduledExecutorService singleScheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
