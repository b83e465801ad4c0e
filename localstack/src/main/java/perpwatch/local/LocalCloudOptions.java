package perpwatch.local;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Command-line options of {@link LocalCloud}.
 *
 * @param mode      {@code synthetic} (default: a generated market on every venue, so every guard moves),
 *                  {@code replay} (recorded real Binance messages) or {@code live} (real venue URLs; needs internet)
 * @param port      API port (default 8080)
 * @param redisPort embedded Redis port (default 6379), unless {@code PERPWATCH_REDIS_URL} names a running Redis
 * @param fixtures  folder of recorded venue messages (default {@code ../shared/fixtures} from the repository root)
 */
public record LocalCloudOptions(Mode mode, int port, int redisPort, Path fixtures) {
    public enum Mode {
        REPLAY,
        SYNTHETIC,
        LIVE
    }

    public static final String USAGE =
            "usage: perpwatch local [--mode=synthetic|replay|live] [--port=8080] [--redis-port=6379] [--fixtures=DIR]";

    public static LocalCloudOptions parse(String[] args) {
        Mode mode = Mode.SYNTHETIC;
        int port = 8080;
        int redisPort = 6379;
        Path fixtures = Path.of(System.getProperty("perpwatch.fixtures", "../shared/fixtures"));
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'\n" + USAGE);
            }
            switch (kv[0]) {
                case "--mode" -> {
                    try {
                        mode = Mode.valueOf(kv[1].toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(
                                "--mode must be replay, synthetic or live, not '" + kv[1] + "'");
                    }
                }
                case "--port" -> port = parsePort(kv[0], kv[1]);
                case "--redis-port" -> redisPort = parsePort(kv[0], kv[1]);
                case "--fixtures" -> fixtures = Path.of(kv[1]);
                default -> throw new IllegalArgumentException("unknown option '" + kv[0] + "'\n" + USAGE);
            }
        }
        return new LocalCloudOptions(mode, port, redisPort, fixtures);
    }

    private static int parsePort(String name, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
        }
    }
}
