package perpwatch.feedctl;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import perpwatch.core.config.Env;
import perpwatch.core.redis.RedisStreams;
import perpwatch.core.redis.StoreUnavailableException;

/**
 * {@code feedctl status | restart TASK | rollup --hour YYYY-MM-DDTHH | rollup --day YYYYMMDD}. Without
 * {@code PERPWATCH_STAGE} it is pointed at the local cloud: {@code status} reads its Redis, and the ECS and Lambda
 * commands say what they would need instead of guessing.
 */
public final class FeedCtl {
    static final String USAGE =
            "usage: feedctl status | restart TASK | rollup --hour YYYY-MM-DDTHH | rollup --day YYYYMMDD";
    private final FeedCtlConfig config;
    private final Function<FeedCtlConfig, CloudOps> cloud;
    private final PrintStream out;

    FeedCtl(FeedCtlConfig config, Function<FeedCtlConfig, CloudOps> cloud, PrintStream out) {
        this.config = config;
        this.cloud = cloud;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new FeedCtl(FeedCtlConfig.fromEnv(Env.system()), CloudOps::new, System.out).run(List.of(args)));
    }

    /** @return the exit code: 0 done, 1 failed, 2 bad usage or not possible here */
    int run(List<String> args) {
        if (args.isEmpty()) {
            out.println(USAGE);
            return 2;
        }
        return switch (args.get(0)) {
            case "status" -> status();
            case "restart" -> args.size() == 2 ? restart(args.get(1)) : usage();
            case "rollup" -> args.size() == 3 ? rollup(args.get(1), args.get(2)) : usage();
            default -> usage();
        };
    }

    private int usage() {
        out.println(USAGE);
        return 2;
    }

    private int status() {
        int code = 0;
        if (config.stage().isPresent()) {
            try (CloudOps ops = cloud.apply(config)) {
                out.println("ECS " + config.cluster() + " (running/desired):");
                ops.runningCounts().forEach((service, count) -> out.printf("  %-36s %s%n", service, count));
            } catch (RuntimeException e) {
                out.println("ECS: unavailable: " + e.getMessage());
                code = 1;
            }
        } else {
            out.println("ECS: not queried (no PERPWATCH_STAGE: the local cloud runs the feed tasks in one process)");
        }
        out.println("Redis " + config.redis().url() + ":");
        try (RedisStreams redis = new RedisStreams(config.redis())) {
            out.printf("  %-32s %9s %14s %10s  %s%n", "stream", "length", "last write ms", "lag ms", "state");
            for (StreamStatus.Row row : StreamStatus.read(redis, config.instruments(), System.currentTimeMillis())) {
                out.printf(
                        "  %-32s %9d %14s %10s  %s%n",
                        row.stream(), row.length(), dash(row.lastWriteAgeMs()), dash(row.lagMs()), row.state());
            }
        } catch (StoreUnavailableException e) {
            out.println("  unavailable: " + e.getMessage());
            return 1;
        }
        return code;
    }

    private int restart(String task) {
        if (config.stage().isEmpty()) {
            out.println(
                    "restart needs PERPWATCH_STAGE (the ECS services of a deployed stage); the local cloud restarts "
                            + "with ./perpwatch local");
            return 2;
        }
        try (CloudOps ops = cloud.apply(config)) {
            out.println("new deployment " + ops.restart(task) + " of perpwatch-"
                    + config.stage().get() + "-" + task);
            return 0;
        } catch (RuntimeException e) {
            out.println("restart failed: " + e.getMessage());
            return 1;
        }
    }

    private int rollup(String flag, String value) {
        Map<String, String> event;
        try {
            if (flag.equals("--hour")) {
                LocalDateTime.parse(value + ":00", DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
                event = Map.of("scope", "hour", "hour", value);
            } else if (flag.equals("--day")) {
                DateTimeFormatter.BASIC_ISO_DATE.parse(value);
                event = Map.of("scope", "day", "day", value);
            } else {
                return usage();
            }
        } catch (DateTimeParseException e) {
            out.println("bad " + flag + " '" + value + "': " + USAGE);
            return 2;
        }
        if (config.stage().isEmpty()) {
            out.println("rollup needs PERPWATCH_STAGE (it invokes perpwatch-<stage>-rollup); the local cloud rolls the "
                    + "previous hour every 5 minutes by itself");
            return 2;
        }
        try (CloudOps ops = cloud.apply(config)) {
            out.println(ops.rollup(event));
            return 0;
        } catch (RuntimeException e) {
            out.println("rollup failed: " + e.getMessage());
            return 1;
        }
    }

    private static String dash(Long value) {
        return value == null ? "-" : value.toString();
    }
}
