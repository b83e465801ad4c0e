package perpwatch.cdk;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One feed task as an ECS service: its {@code --task=NAME}, its size, and how long its records may stop before an
 * alarm (empty: silence is normal for it, e.g. liquidations in a calm market; its container health check and the
 * per-venue heartbeats the guards read cover it instead).
 */
public record FeedService(String task, int cpu, int memoryMiB, Optional<Duration> silenceAlarm, boolean writesArchive) {

    /** {@code PERPWATCH_LIVENESS_BUDGET}: how long the task may show no progress before its health check fails. */
    public String livenessBudget() {
        return task.equals("drift-liq-map") ? "90m" : "5m";
    }

    /** Every worker of {@code FeedTasks}, plus the Drift scanner. */
    public static final List<FeedService> ALL = List.of(
            new FeedService("binance-trades", 256, 512, Optional.of(Duration.ofMinutes(2)), false),
            new FeedService("binance-book", 256, 512, Optional.of(Duration.ofMinutes(2)), false),
            new FeedService("liquidations", 256, 512, Optional.empty(), false),
            new FeedService("okx-usdc", 256, 512, Optional.of(Duration.ofMinutes(2)), false),
            new FeedService("bybit-funding", 256, 512, Optional.of(Duration.ofMinutes(2)), false),
            new FeedService("velocity-market", 256, 512, Optional.of(Duration.ofMinutes(2)), false),
            // One scan an hour; getProgramAccounts answers are large, hence the memory. It uploads the scan to S3.
            new FeedService("drift-liq-map", 512, 2048, Optional.of(Duration.ofHours(2)), true));

    public String id() {
        StringBuilder id = new StringBuilder();
        for (String part : task.split("-")) {
            id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return id.toString();
    }
}
