package perpwatch.cdk;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * A Java 21 Lambda from a built jar, with SnapStart on its published versions and a {@code live} alias that every
 * trigger targets (SnapStart applies to published versions only, never to {@code $LATEST}), and its own log group.
 */
final class JavaLambda extends Construct {
    /** Where a function that talks to Redis runs: the private subnets, in the Lambdas' security group. */
    record InVpc(IVpc vpc, SubnetSelection subnets, ISecurityGroup securityGroup) {}

    record Spec(
            String name,
            Path jar,
            String handler,
            int memoryMiB,
            Duration timeout,
            Map<String, String> environment,
            Optional<InVpc> vpc,
            int reservedConcurrency) {}

    /**
     * The JVM caches DNS answers for 30 s by default (forever under a security manager): after an ElastiCache failover
     * the primary endpoint's name moves to the promoted node, and a reconnect must resolve it again, not dial the
     * demoted one.
     */
    static final String JAVA_TOOL_OPTIONS = "-Dsun.net.inetaddr.ttl=5";

    /**
     * The HTTP API functions also stop the JIT at C1 (AWS's advice for short requests): the C2 compiler threads
     * competed with the init and the first request for the function's CPU, and a guards request is a Redis round trip
     * and a cached body, which C2 code barely speeds up. Measured in bench/results/cold-start.md. The batch functions
     * (archiver, rollup, catch-up) keep C2: they run long enough to gain from it.
     */
    static final String API_JAVA_TOOL_OPTIONS = JAVA_TOOL_OPTIONS + " -XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    private final Function function;
    private final Alias live;
    private final LogGroup logs;

    JavaLambda(Construct scope, String id, StageConfig stage, Spec spec) {
        super(scope, id);
        logs = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/perpwatch/" + stage.stage() + "/" + spec.name())
                .retention(Retention.days(stage.logRetentionDays()))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Function.Builder builder = Function.Builder.create(this, "Function")
                .functionName(stage.name(spec.name()))
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.X86_64)
                .code(Code.fromAsset(spec.jar().toString()))
                .handler(spec.handler())
                .memorySize(spec.memoryMiB())
                .timeout(spec.timeout())
                .environment(environment(spec))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .logGroup(logs);
        // Reserved: no other function can take these, and a flood on this one cannot drain the account's pool.
        if (spec.reservedConcurrency() > 0) {
            builder.reservedConcurrentExecutions(spec.reservedConcurrency());
        }
        spec.vpc()
                .ifPresent(
                        v -> builder.vpc(v.vpc()).vpcSubnets(v.subnets()).securityGroups(List.of(v.securityGroup())));
        function = builder.build();
        live = Alias.Builder.create(this, "Live")
                .aliasName("live")
                .version(function.getCurrentVersion())
                .build();
        Annotations.of(function)
                .acknowledgeWarning(
                        "@aws-cdk/aws-lambda:snapStartRequirePublish",
                        "every deploy publishes a version (currentVersion) and the live alias points at it");
    }

    private static Map<String, String> environment(Spec spec) {
        Map<String, String> env = new LinkedHashMap<>(spec.environment());
        env.put(
                "JAVA_TOOL_OPTIONS",
                spec.handler().equals(ApiStack.API_HANDLER) ? API_JAVA_TOOL_OPTIONS : JAVA_TOOL_OPTIONS);
        return env;
    }

    Function function() {
        return function;
    }

    Alias live() {
        return live;
    }

    LogGroup logs() {
        return logs;
    }
}
