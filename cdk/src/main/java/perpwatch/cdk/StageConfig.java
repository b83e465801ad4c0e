package perpwatch.cdk;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * What differs between deployments of one stage, read from CDK context ({@code cdk synth -c stage=prod}) with a
 * documented default for each.
 *
 * @param stage                {@code stage} (dev): prefixes stack and resource names, so stages live side by side
 * @param archiveRetentionDays {@code archiveRetentionDays} (30): the archive bucket's lifecycle expiration
 * @param logRetentionDays     {@code logRetentionDays} (14): every CloudWatch log group
 * @param redisNodeType        {@code redisNodeType} (cache.t4g.small): both nodes of the replication group
 * @param alarmEmail           {@code alarmEmail} (none): subscribed to the alarm topic when given
 * @param artifacts            {@code artifactsRoot} (..: the repository, seen from cdk/): where the built jars are
 * @param limits               throttles, reserved concurrency and the WAF rate ({@link SurfaceLimits})
 */
public record StageConfig(
        String stage,
        int archiveRetentionDays,
        int logRetentionDays,
        String redisNodeType,
        Optional<String> alarmEmail,
        Artifacts artifacts,
        SurfaceLimits limits) {

    public StageConfig {
        if (!stage.matches("[a-z][a-z0-9-]{0,15}")) {
            throw new IllegalArgumentException(
                    "stage must be lower-case letters, digits and dashes (≤ 16), not '" + stage + "'");
        }
        if (archiveRetentionDays < 1) {
            throw new IllegalArgumentException("archiveRetentionDays must be ≥ 1, not " + archiveRetentionDays);
        }
    }

    /** With the default limits. */
    public StageConfig(
            String stage,
            int archiveRetentionDays,
            int logRetentionDays,
            String redisNodeType,
            Optional<String> alarmEmail,
            Artifacts artifacts) {
        this(
                stage,
                archiveRetentionDays,
                logRetentionDays,
                redisNodeType,
                alarmEmail,
                artifacts,
                SurfaceLimits.DEFAULTS);
    }

    /** {@code context} answers a context key or null (the CDK app passes {@code node.tryGetContext}). */
    public static StageConfig fromContext(Function<String, Object> context) {
        return new StageConfig(
                string(context, "stage", "dev"),
                integer(context, "archiveRetentionDays", 30),
                integer(context, "logRetentionDays", 14),
                string(context, "redisNodeType", "cache.t4g.small"),
                Optional.ofNullable(string(context, "alarmEmail", null)),
                Artifacts.under(Path.of(string(context, "artifactsRoot", ".."))),
                SurfaceLimits.fromContext(context));
    }

    /** Production keeps its data when a stack is deleted; other stages clean up after themselves. */
    public boolean production() {
        return stage.equals("prod");
    }

    /** {@code perpwatch-<stage>-<name>}: physical names operators and feedctl can find. */
    public String name(String suffix) {
        return "perpwatch-" + stage + "-" + suffix;
    }

    /** The CloudWatch namespace of the app's own metrics (EMF lines from the feed tasks). */
    public String metricsNamespace() {
        return "Perpwatch/" + stage;
    }

    private static String string(Function<String, Object> context, String key, String fallback) {
        Object value = context.apply(key);
        return value == null || value.toString().isBlank()
                ? fallback
                : value.toString().trim();
    }

    private static int integer(Function<String, Object> context, String key, int fallback) {
        String value = string(context, key, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("context " + key + ": expected a whole number, got '" + value + "'");
        }
    }
}
