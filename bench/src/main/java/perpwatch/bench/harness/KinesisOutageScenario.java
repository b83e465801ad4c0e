package perpwatch.bench.harness;

import java.util.Map;

/**
 * Scenario 4: the durable log's endpoint goes away (connections refused) and then throttles half of all
 * {@code PutRecords} calls, under load. The feeds' log backlog must grow, drain when Kinesis is back, lose
 * nothing within its bound (loss counter 0), and every liquidation of the window must reach the Parquet archive.
 */
final class KinesisOutageScenario implements Scenario {
    static final long OUTAGE_MS = 60_000;
    static final long THROTTLE_MS = 30_000;

    @Override
    public String title() {
        return "4. Kinesis outage and throttling";
    }

    @Override
    public Result run(HarnessContext ctx) throws Exception {
        if (ctx.kinesis() == null || ctx.archive() == null) {
            return new Result(
                    title(),
                    true,
                    "Skipped: the Kinesis emulator is not installed (`npm ci --prefix tools/kinesis-local`).\n");
        }
        long outage = ctx.scaled(OUTAGE_MS);
        long throttling = ctx.scaled(THROTTLE_MS);
        StringBuilder md = new StringBuilder();
        md.append(String.format(
                "Under %,d msgs/s: the proxy in front of kinesis-local refuses connections for %d s, then answers "
                        + "%d %% "
                        + "of `PutRecords` calls with `ProvisionedThroughputExceededException` for %d s.%n%n",
                HarnessContext.FAULT_LOAD, outage / 1000, 50, throttling / 1000));
        md.append("| phase | log backlog peak | drained in | records shipped | dropped (loss counter) "
                + "|\n|---|---|---|---|---|\n");
        Map<String, Long> start = ctx.counters();
        ctx.market().load(HarnessContext.FAULT_LOAD);
        long from = System.currentTimeMillis() / 1_000 * 1_000 + 1_000;
        HarnessContext.sleep(from - System.currentTimeMillis());
        boolean passed = true;
        try {
            passed &= phase(
                    ctx,
                    md,
                    "endpoint down",
                    outage,
                    () -> ctx.kinesis().down(),
                    () -> ctx.kinesis().up());
            passed &= phase(
                    ctx,
                    md,
                    "50 % throttled",
                    throttling,
                    () -> ctx.kinesis().throttle(0.5),
                    () -> ctx.kinesis().throttle(0));
        } finally {
            ctx.market().load(0);
        }
        long to = System.currentTimeMillis() / 1_000 * 1_000;
        HarnessContext.sleep(5_000);
        Map<String, Long> end = ctx.counters();
        long sent = ctx.market().sent().liquidationsBetween(from, to);
        ArchiveCheck.Count archived = ctx.archive().await(ctx.liquidations().name(), from, to, sent, 120_000);
        long dropped = HarnessContext.delta(start, end, "log_dropped");
        md.append(String.format(
                "%nLiquidations sent in the window: %,d; in the Parquet archive: %,d distinct%s. Throttled calls: %,d. "
                        + "Log records dropped: %d.%n",
                sent,
                archived.distinct(),
                archived.rows() != archived.distinct()
                        ? " (+" + (archived.rows() - archived.distinct()) + " sent twice after a lost answer)"
                        : "",
                ctx.kinesis().throttled(),
                dropped));
        passed &= archived.distinct() == sent && dropped == 0;
        md.append('\n')
                .append(
                        passed
                                ? "Held: the backlog grew and drained, nothing was lost."
                                : "Did not hold: see the figures.")
                .append('\n');
        return new Result(title(), passed, md.toString());
    }

    private interface Action {
        void run() throws Exception;
    }

    private static boolean phase(
            HarnessContext ctx, StringBuilder md, String name, long lengthMs, Action breakIt, Action heal)
            throws Exception {
        Map<String, Long> before = ctx.counters();
        breakIt.run();
        long started = System.currentTimeMillis();
        long peak = 0;
        while (System.currentTimeMillis() - started < lengthMs) {
            HarnessContext.sleep(1_000);
            peak = Math.max(peak, ctx.counters().getOrDefault("log_backlog", 0L));
        }
        heal.run();
        long healed = System.currentTimeMillis();
        long drained = -1;
        while (System.currentTimeMillis() - healed < 120_000) {
            // Under load a few records are always in flight: "drained" is back to under one batch.
            if (ctx.counters().getOrDefault("log_backlog", 0L) < 500) {
                drained = System.currentTimeMillis() - healed;
                break;
            }
            HarnessContext.sleep(250);
        }
        Map<String, Long> after = ctx.counters();
        long dropped = HarnessContext.delta(before, after, "log_dropped");
        md.append(String.format(
                "| %s | %,d | %s | %,d | %d |%n",
                name,
                peak,
                drained < 0 ? "not within 120 s" : drained + " ms",
                HarnessContext.delta(before, after, "log_shipped"),
                dropped));
        return drained >= 0 && dropped == 0;
    }
}
