package perpwatch.bench.load;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.List;

/**
 * What Redis itself spent during a phase: its CPU seconds ({@code INFO cpu}, the main thread and the rest) and, per
 * read command the heatmap uses, the calls and microseconds per call ({@code INFO commandstats}, reset per phase).
 * Redis runs one command at a time, so its time per heatmap is the time every feed's write may queue behind it.
 */
final class RedisWork implements AutoCloseable {
    private static final List<String> COMMANDS = List.of("xrange", "mget", "get", "set", "xadd");

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private double cpuAtStart;

    RedisWork(String url) {
        client = RedisClient.create(url);
        connection = client.connect();
    }

    void start() {
        connection.sync().configResetstat();
        cpuAtStart = cpuSeconds();
    }

    /** Redis CPU seconds since {@link #start}, then the commandstats of the heatmap's commands. */
    String summary() {
        double cpu = cpuSeconds() - cpuAtStart;
        List<String> parts = new ArrayList<>();
        parts.add(String.format("Redis CPU %.2f s", cpu));
        for (String line : connection.sync().info("commandstats").split("\r?\n")) {
            for (String command : COMMANDS) {
                if (line.startsWith("cmdstat_" + command + ":")) {
                    String[] f = line.substring(line.indexOf(':') + 1).split(",");
                    parts.add(command + " " + f[0].replace("calls=", "") + " calls, "
                            + f[2].replace("usec_per_call=", "") + " µs/call");
                }
            }
        }
        return String.join("; ", parts);
    }

    private double cpuSeconds() {
        double total = 0;
        for (String line : connection.sync().info("cpu").split("\r?\n")) {
            if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                total += Double.parseDouble(line.substring(line.indexOf(':') + 1));
            }
        }
        return total;
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
