package perpwatch.cdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.ecr.assets.DockerImageAsset;
import software.amazon.awscdk.services.ecr.assets.Platform;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The feed tasks: one Fargate service per task from one image, each with its own task role (Kinesis writes; the
 * Drift scanner also S3 puts under {@code drift/}), the Redis AUTH token injected by ECS from Secrets Manager, a
 * container health check on the task's liveness file, and a silence alarm on the records it writes.
 *
 * <p>The Drift scanner runs as a service with its own hourly loop, not as a scheduled task: it is a feed task like
 * the others ({@code --task=drift-liq-map}, the same start/close contract, image, health check and alarms), it keeps
 * its Solana RPC client and last scan between runs, and a service restarts it when it dies, where a failed
 * scheduled run only shows as a failed invocation. The price is about $7 a month of idle 0.5 vCPU.
 */
public final class FeedsStack extends Stack {
    /** The Dockerfile writes it; the worker loop touches it while its tasks make progress (see FeedPulse). */
    static final String LIVENESS_CHECK =
            "test -n \"$(find \"$PERPWATCH_LIVENESS_FILE\" -mmin -2 2>/dev/null)\" || exit 1";

    private final Cluster cluster;
    private final Map<String, FargateService> services = new LinkedHashMap<>();

    public FeedsStack(
            Construct scope, String id, StackProps props, StageConfig stage, NetworkStack network, DataStack data) {
        super(scope, id, props);
        cluster = Cluster.Builder.create(this, "Cluster")
                .clusterName(stage.name("feeds"))
                .vpc(network.vpc())
                .build();
        DockerImageAsset image = DockerImageAsset.Builder.create(this, "FeedTasksImage")
                .directory(stage.artifacts().feedTasksDir().toString())
                .platform(Platform.LINUX_AMD64)
                .build();
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/perpwatch/" + stage.stage() + "/feeds")
                .retention(Retention.days(stage.logRetentionDays()))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        for (FeedService feed : FeedService.ALL) {
            FargateTaskDefinition task = FargateTaskDefinition.Builder.create(this, feed.id() + "Task")
                    .family(stage.name(feed.task()))
                    .cpu(feed.cpu())
                    .memoryLimitMiB(feed.memoryMiB())
                    .runtimePlatform(RuntimePlatform.builder()
                            .cpuArchitecture(CpuArchitecture.X86_64)
                            .operatingSystemFamily(OperatingSystemFamily.LINUX)
                            .build())
                    .build();
            Map<String, String> env = new LinkedHashMap<>();
            env.put("PERPWATCH_REDIS_URL", data.redisUrl());
            env.put("PERPWATCH_DURABLE_LOG", "kinesis");
            env.put("PERPWATCH_KINESIS_STREAM", data.events().getStreamName());
            env.put("AWS_REGION", Stack.of(this).getRegion());
            env.put("PERPWATCH_METRICS_NAMESPACE", stage.metricsNamespace());
            env.put("PERPWATCH_LIVENESS_BUDGET", feed.livenessBudget());
            if (feed.writesArchive()) {
                env.put("PERPWATCH_ARCHIVE_BUCKET", data.archive().getBucketName());
                data.archive().grantPut(task.getTaskRole(), "drift/*");
            }
            task.addContainer(
                    "feed",
                    ContainerDefinitionOptions.builder()
                            .image(ContainerImage.fromDockerImageAsset(image))
                            .command(List.of("--task=" + feed.task()))
                            .environment(env)
                            // ECS resolves it when the task starts: it is in the container's environment, never in the
                            // task definition.
                            .secrets(
                                    feed.writesArchive()
                                            ? Map.of(
                                                    "PERPWATCH_REDIS_AUTH",
                                                    Secret.fromSecretsManager(data.redisAuth()),
                                                    "PERPWATCH_SOLANA_RPC_URL",
                                                    Secret.fromSecretsManager(data.solanaRpcUrl()))
                                            : Map.of(
                                                    "PERPWATCH_REDIS_AUTH",
                                                    Secret.fromSecretsManager(data.redisAuth())))
                            .logging(LogDriver.awsLogs(AwsLogDriverProps.builder()
                                    .logGroup(logs)
                                    .streamPrefix(feed.task())
                                    .build()))
                            .healthCheck(HealthCheck.builder()
                                    .command(List.of("CMD-SHELL", LIVENESS_CHECK))
                                    .interval(Duration.seconds(30))
                                    .timeout(Duration.seconds(5))
                                    .retries(3)
                                    .startPeriod(Duration.seconds(120))
                                    .build())
                            .stopTimeout(Duration.seconds(30))
                            .build());
            data.events().grantWrite(task.getTaskRole());

            FargateService service = FargateService.Builder.create(this, feed.id() + "Service")
                    .serviceName(stage.name(feed.task()))
                    .cluster(cluster)
                    .taskDefinition(task)
                    .desiredCount(1)
                    // Start the new task before stopping the old: a short overlap (both write; bars and liquidations
                    // dedupe by id) instead of a gap in the streams.
                    .minHealthyPercent(100)
                    .maxHealthyPercent(200)
                    .circuitBreaker(DeploymentCircuitBreaker.builder()
                            .enable(true)
                            .rollback(true)
                            .build())
                    .vpcSubnets(network.privateSubnets())
                    .securityGroups(List.of(network.feedTasksSecurityGroup()))
                    .assignPublicIp(false)
                    .build();
            services.put(feed.task(), service);

            feed.silenceAlarm().ifPresent(silence -> silenceAlarm(stage, data, feed, silence.toMinutes()));
        }
    }

    /**
     * The task's {@code RecordsWritten} (an EMF line it prints every minute) summed per minute; no data counts as
     * silence, so a dead task alarms as surely as a quiet one.
     */
    private void silenceAlarm(StageConfig stage, DataStack data, FeedService feed, long silenceMinutes) {
        long periodMinutes = silenceMinutes > 60 ? 60 : 1;
        Alarm alarm = Alarm.Builder.create(this, feed.id() + "Silent")
                .alarmName(stage.name(feed.task() + "-silent"))
                .alarmDescription(feed.task() + " wrote no record for " + silenceMinutes + " min")
                .metric(Metric.Builder.create()
                        .namespace(stage.metricsNamespace())
                        .metricName("RecordsWritten")
                        .dimensionsMap(Map.of("Task", feed.task()))
                        .statistic("Sum")
                        .period(Duration.minutes(periodMinutes))
                        .build())
                .threshold(1)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .evaluationPeriods((int) (silenceMinutes / periodMinutes))
                .treatMissingData(TreatMissingData.BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(data.alarms()));
    }

    public Cluster cluster() {
        return cluster;
    }

    public Map<String, FargateService> services() {
        return services;
    }
}
