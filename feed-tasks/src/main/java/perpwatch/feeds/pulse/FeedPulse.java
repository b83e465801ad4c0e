package perpwatch.feeds.pulse;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import perpwatch.feeds.FeedTask;

/**
 * Each tick: every task's records written since the last tick as one CloudWatch Embedded Metric Format line on
 * stdout (CloudWatch Logs turns the JSON into the {@code RecordsWritten} metric; no SDK call, no permission), and the
 * liveness file touched if every task made progress within its budget. The container health check reads the
 * file's age, so a wedged process (or a task stuck without a frame) is replaced by ECS.
 */
public final class FeedPulse {
    private static final Logger LOG = LoggerFactory.getLogger(FeedPulse.class);

    /** One task to watch: its name (the metric's {@code Task} dimension), its instances, and their writes. */
    public record Watched(String task, List<FeedTask> instances, WriteTally tally) {}

    private final class State {
        final Watched watched;
        long lastWritten;
        Map<String, Long> lastCounters;
        long lastProgressMs;

        State(Watched watched, long now) {
            this.watched = watched;
            this.lastWritten = watched.tally().written();
            this.lastCounters = counters(watched);
            this.lastProgressMs = now;
        }
    }

    private final List<State> states = new ArrayList<>();
    private final PulseConfig config;
    private final PrintStream out;
    private final LongSupplier clock;
    private boolean wasAlive = true;

    public FeedPulse(List<Watched> watched, PulseConfig config, PrintStream out, LongSupplier clock) {
        this.config = config;
        this.out = out;
        this.clock = clock;
        long now = clock.getAsLong();
        watched.forEach(w -> states.add(new State(w, now)));
    }

    /** Emits the metric lines and touches the liveness file when alive; returns whether it was. */
    public synchronized boolean tick() {
        long now = clock.getAsLong();
        boolean alive = true;
        for (State s : states) {
            long written = s.watched.tally().written();
            Map<String, Long> counters = counters(s.watched);
            if (written != s.lastWritten || !counters.equals(s.lastCounters)) {
                s.lastProgressMs = now;
            }
            long delta = written - s.lastWritten;
            s.lastWritten = written;
            s.lastCounters = counters;
            config.metricsNamespace().ifPresent(ns -> out.println(emf(ns, s.watched.task(), delta, now)));
            if (now - s.lastProgressMs > config.progressBudget().toMillis()) {
                alive = false;
                if (wasAlive) {
                    LOG.error(
                            "{}: no progress for {} s (budget {}); no longer touching the liveness file",
                            s.watched.task(),
                            (now - s.lastProgressMs) / 1000,
                            config.progressBudget());
                }
            }
        }
        if (alive) {
            config.livenessFile().ifPresent(file -> touch(file, now));
        } else if (wasAlive) {
            LOG.warn("liveness withheld: the container health check will fail and ECS will replace this task");
        }
        wasAlive = alive;
        return alive;
    }

    /** One EMF line: {@code {"_aws":{…},"Task":"binance-trades","RecordsWritten":12}}. */
    static String emf(String namespace, String task, long recordsWritten, long nowMs) {
        return "{\"_aws\":{\"Timestamp\":" + nowMs + ",\"CloudWatchMetrics\":[{\"Namespace\":\"" + json(namespace)
                + "\",\"Dimensions\":[[\"Task\"]],\"Metrics\":[{\"Name\":\"RecordsWritten\",\"Unit\":\"Count\"}]}]},"
                + "\"Task\":\"" + json(task) + "\",\"RecordsWritten\":" + recordsWritten + "}";
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static Map<String, Long> counters(Watched w) {
        Map<String, Long> all = new TreeMap<>();
        for (int i = 0; i < w.instances().size(); i++) {
            int n = i;
            w.instances().get(i).counters().forEach((k, v) -> all.put(n + "." + k, v));
        }
        return all;
    }

    private static void touch(Path file, long nowMs) {
        try {
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            Files.setLastModifiedTime(file, FileTime.fromMillis(nowMs));
        } catch (IOException e) {
            LOG.warn("cannot touch liveness file {}: {}", file, e.getMessage());
        }
    }

    public Optional<Path> livenessFile() {
        return config.livenessFile();
    }
}
