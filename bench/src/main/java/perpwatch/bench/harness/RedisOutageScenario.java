package perpwatch.bench.harness;

import java.util.List;
import java.util.Map;
import perpwatch.local.redis.LocalRedis;

/**
 * Scenario 3: Redis killed under load and started again, once with its data (a restart) and once empty (a
 * replacement node). The feed tasks must live through it and write their backlog after; the guards must answer
 * {@code unavailable} (never {@code live}) while Redis is gone and {@code live} within 5 s of its return; the
 * liquidations of the outage must all be in Redis afterwards and in the Parquet archive (the durable log does not
 * depend on Redis). Helius deliveries (each sent twice) arrive throughout the outage: the webhook must take them (200,
 * the durable log first), and every signature must be once in Redis after and once in Parquet.
 */
final class RedisOutageScenario implements Scenario {
    static final long OUTAGE_MS = 60_000;
    static final long LIVE_WITHIN_MS = 5_000;

    @Override
    public String title() {
        return "3. Redis outage";
    }

    @Override
    public Result run(HarnessContext ctx) throws Exception {
        LocalRedis redis = ctx.cloud().redis().orElseThrow();
        long outage = ctx.scaled(OUTAGE_MS);
        StringBuilder md = new StringBuilder();
        md.append(String.format(
                "Redis killed for %d s under %,d msgs/s, then started on the same port: first with the data it had "
                        + "(dumped just before the kill), then empty. Guards asked every 200 ms.%n%n",
                outage / 1000, HarnessContext.FAULT_LOAD));
        md.append("| restart | guards answers in the outage: unavailable / other / **live** | first live answer after "
                + "restart | "
                + "feeds' Redis backlog peak → after | records dropped | liquidations during the outage: "
                + "sent / in Redis after | "
                + "liquidations of the whole window: sent / in Parquet | webhook signatures taken (200) / "
                + "once in Redis / doubled in Redis / "
                + "Parquet rows / distinct |\n|---|---|---|---|---|---|---|---|\n");
        boolean passed = true;
        ctx.market().load(HarnessContext.FAULT_LOAD);
        try {
            for (boolean keepData : new boolean[] {true, false}) {
                Map<String, Long> before = ctx.counters();
                long from = System.currentTimeMillis() / 1_000 * 1_000 + 1_000;
                HarnessContext.sleep(from - System.currentTimeMillis());
                if (keepData) {
                    redis.save();
                }
                redis.kill();
                long killedAt = System.currentTimeMillis();
                long backlogPeak = 0;
                WebhookOutageProbe webhook = new WebhookOutageProbe(ctx);
                while (System.currentTimeMillis() - killedAt < outage) {
                    HarnessContext.sleep(1_000);
                    webhook.deliver();
                    backlogPeak = Math.max(backlogPeak, ctx.counters().getOrDefault("redis_backlog", 0L));
                }
                redis.restart(keepData);
                long upAt = System.currentTimeMillis();
                long firstLive = -1;
                while (System.currentTimeMillis() - upAt < 30_000 && firstLive < 0) {
                    HarnessContext.sleep(200);
                    firstLive = ctx.guards().between(upAt, Long.MAX_VALUE).stream()
                            .filter(s -> "live".equals(s.dataSource()))
                            .mapToLong(GuardsWatcher.Sample::atMs)
                            .findFirst()
                            .orElse(-1);
                }
                HarnessContext.sleep(10_000);
                long to = upAt / 1_000 * 1_000;
                Map<String, Long> after = ctx.counters();
                // Answers computed before the kill may be served from the 1 s answer cache; judge the rest.
                List<GuardsWatcher.Sample> during =
                        ctx.guards().between(killedAt + GuardsWatcher.ANSWER_CACHE_MS + 1_000, upAt);
                long unavailable = during.stream()
                        .filter(s -> "unavailable".equals(s.dataSource()))
                        .count();
                long live = during.stream()
                        .filter(s -> "live".equals(s.dataSource()))
                        .count();
                long sent = ctx.market().sent().liquidationsBetween(from, to);
                // What the feeds received while Redis was gone must all be in Redis after (the writers held it). What
                // Redis itself held before the kill is its own durability: since the dump, or nothing when empty.
                long outageFrom = (killedAt / 1_000 + 1) * 1_000;
                long heldSent = ctx.market().sent().liquidationsBetween(outageFrom, to);
                long held = ctx.entries(ctx.liquidations(), outageFrom - 60_000, System.currentTimeMillis()).stream()
                        .filter(e -> HarnessContext.ts(e) >= outageFrom && HarnessContext.ts(e) < to)
                        .count();
                ArchiveCheck.Count archived = ctx.archive() == null
                        ? null
                        : ctx.archive().await(ctx.liquidations().name(), from, to, sent, 60_000);
                long dropped = HarnessContext.delta(before, after, "redis_dropped");
                long[] webhookRedis = webhook.inRedis(killedAt, 60_000);
                long[] webhookParquet =
                        ctx.archive() == null ? null : webhook.inParquet(killedAt, System.currentTimeMillis(), 60_000);
                long recovery = firstLive < 0 ? -1 : firstLive - upAt;
                md.append(String.format(
                        "| %s | %d / %d / %d | %s | %,d → %,d | %d | %,d / %,d | %,d / %s | %d / %d / %d / %s |%n",
                        keepData ? "with its data" : "empty",
                        unavailable,
                        during.size() - unavailable - live,
                        live,
                        recovery < 0 ? "none within 30 s" : recovery + " ms",
                        backlogPeak,
                        after.getOrDefault("redis_backlog", 0L),
                        dropped,
                        heldSent,
                        held,
                        sent,
                        archived == null
                                ? "archive off"
                                : String.format("%,d", archived.distinct())
                                        + (archived.rows() != archived.distinct()
                                                ? " (+" + (archived.rows() - archived.distinct()) + " resent)"
                                                : ""),
                        webhook.accepted(),
                        webhookRedis[0],
                        webhookRedis[1],
                        webhookParquet == null ? "archive off" : webhookParquet[0] + " / " + webhookParquet[1]));
                boolean ok = live == 0
                        && recovery >= 0
                        && recovery <= LIVE_WITHIN_MS
                        && dropped == 0
                        && held == heldSent
                        && (archived == null || archived.distinct() == sent)
                        && webhook.statuses().keySet().stream().allMatch(st -> st == 200)
                        && webhookRedis[0] == webhook.accepted()
                        && webhookRedis[1] == 0
                        && (webhookParquet == null
                                || (webhookParquet[0] == webhook.accepted()
                                        && webhookParquet[1] == webhook.accepted()));
                passed &= ok;
            }
        } finally {
            ctx.market().load(0);
        }
        md.append('\n')
                .append(
                        passed
                                ? "Held: no live answer without Redis, live again within 5 s, nothing lost in Redis "
                                        + "or the archive; every webhook "
                                        + "delivery taken (200) and each signature once in Redis and once in Parquet."
                                : "Did not hold: see the table.")
                .append('\n');
        return new Result(title(), passed, md.toString());
    }
}
