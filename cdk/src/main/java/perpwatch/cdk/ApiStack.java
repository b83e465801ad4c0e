package perpwatch.cdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.events.CronOptions;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.KinesisEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The Lambdas and their triggers: the read API and the Helius webhook behind one HTTP API (two functions from the
 * same jar, so only the webhook holds the Kinesis and Helius-secret permissions), the archiver on the Kinesis
 * stream, and the rollups on EventBridge schedules; their alarms and an operations dashboard.
 */
public final class ApiStack extends Stack {
    public static final String WEBHOOK_PATH = "/api/webhooks/helius";
    static final String API_HANDLER = "perpwatch.functions.lambda.ApiGatewayHandler";
    static final String ARCHIVER_HANDLER = "perpwatch.archive.ArchiverHandler";
    static final String ROLLUP_HANDLER = "perpwatch.archive.ScheduledRollupHandler";
    static final String CATCH_UP_HANDLER = "perpwatch.functions.lambda.DriftEventsCatchUpHandler";
    /** What GuardsService logs each time it answers {@code data_source: unavailable}. */
    static final String GUARDS_UNAVAILABLE_LOG = "guards data_source unavailable";

    private final HttpApi http;
    private final JavaLambda rollup;

    public ApiStack(
            Construct scope, String id, StackProps props, StageConfig stage, NetworkStack network, DataStack data) {
        super(scope, id, props);
        Optional<JavaLambda.InVpc> inVpc = Optional.of(
                new JavaLambda.InVpc(network.vpc(), network.privateSubnets(), network.lambdaSecurityGroup()));

        Map<String, String> redisEnv = new LinkedHashMap<>();
        redisEnv.put("PERPWATCH_REDIS_URL", data.redisUrl());
        // Read with the SDK at init (before the SnapStart snapshot), never placed in the environment itself.
        redisEnv.put("PERPWATCH_REDIS_AUTH_SECRET_ARN", data.redisAuth().getSecretArn());

        Map<String, String> apiEnv = new LinkedHashMap<>(redisEnv);
        // The routes read, except the guards' decision log: it goes to the durable log (then Parquet) like every
        // record.
        apiEnv.put("PERPWATCH_DURABLE_LOG", "kinesis");
        apiEnv.put("PERPWATCH_KINESIS_STREAM", data.events().getStreamName());
        JavaLambda api = new JavaLambda(
                this,
                "Api",
                stage,
                new JavaLambda.Spec(
                        "api",
                        stage.artifacts().functionsJar(),
                        API_HANDLER,
                        1536,
                        Duration.seconds(10),
                        apiEnv,
                        inVpc));
        data.redisAuth().grantRead(api.function());
        data.events().grantWrite(api.function());

        Map<String, String> webhookEnv = new LinkedHashMap<>(redisEnv);
        webhookEnv.put("PERPWATCH_DURABLE_LOG", "kinesis");
        webhookEnv.put("PERPWATCH_KINESIS_STREAM", data.events().getStreamName());
        webhookEnv.put("PERPWATCH_HELIUS_AUTH_SECRET_ARN", data.heliusAuth().getSecretArn());
        JavaLambda webhook = new JavaLambda(
                this,
                "Webhook",
                stage,
                new JavaLambda.Spec(
                        "webhook",
                        stage.artifacts().functionsJar(),
                        API_HANDLER,
                        1536,
                        Duration.seconds(15),
                        webhookEnv,
                        inVpc));
        data.redisAuth().grantRead(webhook.function());
        data.heliusAuth().grantRead(webhook.function());
        data.events().grantWrite(webhook.function());

        http = HttpApi.Builder.create(this, "Http")
                .apiName(stage.name("api"))
                .createDefaultStage(true)
                .build();
        http.addRoutes(AddRoutesOptions.builder()
                .path("/api/{proxy+}")
                .methods(List.of(HttpMethod.GET))
                .integration(new HttpLambdaIntegration("ApiIntegration", api.live()))
                .build());
        http.addRoutes(AddRoutesOptions.builder()
                .path(WEBHOOK_PATH)
                .methods(List.of(HttpMethod.POST))
                .integration(new HttpLambdaIntegration("WebhookIntegration", webhook.live()))
                .build());
        http.addRoutes(AddRoutesOptions.builder()
                .path(WEBHOOK_PATH + "/counters")
                .methods(List.of(HttpMethod.GET))
                .integration(new HttpLambdaIntegration("WebhookCountersIntegration", webhook.live()))
                .build());
        // Route-level metrics (the webhook's own 5xx rate) and a throttle in front of the Lambdas.
        CfnStage defaultStage = (CfnStage) http.getDefaultStage().getNode().getDefaultChild();
        defaultStage.setDefaultRouteSettings(CfnStage.RouteSettingsProperty.builder()
                .detailedMetricsEnabled(true)
                .throttlingBurstLimit(200)
                .throttlingRateLimit(100)
                .build());

        JavaLambda archiver = archiver(stage, data);
        JavaLambda catchUp = driftCatchUp(stage, data, redisEnv, inVpc);
        rollup = rollups(stage, data);

        alarms(stage, data, api, webhook, archiver);
        iteratorAgeAlarm(
                stage,
                data,
                catchUp,
                "drift-catch-up-iterator-age",
                "Drift events written while Redis was down are more than 5 minutes from reaching Redis");

        CfnOutput.Builder.create(this, "ApiUrl")
                .value(http.getApiEndpoint() + "/api")
                .description("the HTTP API")
                .build();
        CfnOutput.Builder.create(this, "WebhookUrl")
                .value(http.getApiEndpoint() + WEBHOOK_PATH)
                .description("give this to Helius, with the HeliusAuthSecret value as its auth header")
                .build();
    }

    /** Raw parts from the Kinesis log; a failing batch is halved until the bad record is alone, then parked in SQS. */
    private JavaLambda archiver(StageConfig stage, DataStack data) {
        JavaLambda archiver = new JavaLambda(
                this,
                "Archiver",
                stage,
                new JavaLambda.Spec(
                        "archiver",
                        stage.artifacts().archiveJar(),
                        ARCHIVER_HANDLER,
                        2048,
                        Duration.minutes(2),
                        Map.of("PERPWATCH_ARCHIVE_BUCKET", data.archive().getBucketName()),
                        Optional.empty()));
        data.archive().grantPut(archiver.function(), "raw/*");
        Queue failed = Queue.Builder.create(this, "ArchiverFailures")
                .queueName(stage.name("archiver-failures"))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        archiver.live()
                .addEventSource(KinesisEventSource.Builder.create(data.events())
                        .startingPosition(StartingPosition.TRIM_HORIZON)
                        .batchSize(1000)
                        .maxBatchingWindow(Duration.seconds(30))
                        .bisectBatchOnError(true)
                        .retryAttempts(10)
                        .onFailure(new SqsDlq(failed))
                        .build());
        Alarm parked = Alarm.Builder.create(this, "ArchiverFailuresAlarm")
                .alarmName(stage.name("archiver-failures"))
                .alarmDescription("Kinesis batches the archiver gave up on (their pointers are in the queue)")
                .metric(failed.metricApproximateNumberOfMessagesVisible())
                .threshold(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1)
                .build();
        parked.addAlarmAction(new SnsAction(data.alarms()));
        return archiver;
    }

    /**
     * The webhook writes Kinesis first and Redis second; this replays the log's Drift events into Redis (once per
     * signature, by the webhook's own script), so Redis is complete whatever happened to the instance that took a
     * delivery while Redis was down. It fails its batch while Redis is down, so Lambda retries from the same place
     * until the records expire from the stream (retries unbounded: no batch is given up on while Redis is away).
     */
    private JavaLambda driftCatchUp(
            StageConfig stage, DataStack data, Map<String, String> redisEnv, Optional<JavaLambda.InVpc> inVpc) {
        JavaLambda catchUp = new JavaLambda(
                this,
                "DriftCatchUp",
                stage,
                new JavaLambda.Spec(
                        "drift-catch-up",
                        stage.artifacts().functionsJar(),
                        CATCH_UP_HANDLER,
                        1024,
                        Duration.minutes(1),
                        redisEnv,
                        inVpc));
        data.redisAuth().grantRead(catchUp.function());
        catchUp.live()
                .addEventSource(KinesisEventSource.Builder.create(data.events())
                        .startingPosition(StartingPosition.TRIM_HORIZON)
                        .batchSize(500)
                        .maxBatchingWindow(Duration.seconds(1))
                        .build());
        return catchUp;
    }

    private void iteratorAgeAlarm(
            StageConfig stage, DataStack data, JavaLambda consumer, String name, String description) {
        Metric age = consumer.function()
                .metric(
                        "IteratorAge",
                        MetricOptions.builder()
                                .statistic("Maximum")
                                .period(Duration.minutes(1))
                                .build());
        Alarm alarm = Alarm.Builder.create(this, name)
                .alarmName(stage.name(name))
                .alarmDescription(description)
                .metric(age)
                .threshold(300_000)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(3)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(data.alarms()));
    }

    /** The previous hour at :10 past each hour; the previous day (re-rolling its hours for late parts) at 00:30 UTC. */
    private JavaLambda rollups(StageConfig stage, DataStack data) {
        JavaLambda rollup = new JavaLambda(
                this,
                "Rollup",
                stage,
                new JavaLambda.Spec(
                        "rollup",
                        stage.artifacts().archiveJar(),
                        ROLLUP_HANDLER,
                        3008,
                        Duration.minutes(15),
                        Map.of("PERPWATCH_ARCHIVE_BUCKET", data.archive().getBucketName()),
                        Optional.empty()));
        data.archive().grantRead(rollup.function());
        data.archive().grantPut(rollup.function());
        Rule.Builder.create(this, "HourlyRollup")
                .ruleName(stage.name("rollup-hourly"))
                .schedule(Schedule.cron(CronOptions.builder().minute("10").build()))
                .targets(List.of(new LambdaFunction(
                        rollup.live(),
                        LambdaFunctionProps.builder()
                                .event(RuleTargetInput.fromObject(Map.of("scope", "hour")))
                                .retryAttempts(2)
                                .build())))
                .build();
        Rule.Builder.create(this, "DailyRollup")
                .ruleName(stage.name("rollup-daily"))
                .schedule(Schedule.cron(
                        CronOptions.builder().minute("30").hour("0").build()))
                .targets(List.of(new LambdaFunction(
                        rollup.live(),
                        LambdaFunctionProps.builder()
                                .event(RuleTargetInput.fromObject(Map.of("scope", "day")))
                                .retryAttempts(2)
                                .build())))
                .build();
        return rollup;
    }

    private void alarms(StageConfig stage, DataStack data, JavaLambda api, JavaLambda webhook, JavaLambda archiver) {
        SnsAction notify = new SnsAction(data.alarms());

        Metric iteratorAge = archiver.function()
                .metric(
                        "IteratorAge",
                        MetricOptions.builder()
                                .statistic("Maximum")
                                .period(Duration.minutes(1))
                                .build());
        Alarm lagging = Alarm.Builder.create(this, "ArchiverIteratorAge")
                .alarmName(stage.name("archiver-iterator-age"))
                .alarmDescription("the archiver is more than 5 minutes behind the Kinesis log")
                .metric(iteratorAge)
                .threshold(300_000)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(3)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        lagging.addAlarmAction(notify);

        Map<String, String> route =
                Map.of("ApiId", http.getApiId(), "Stage", "$default", "Resource", WEBHOOK_PATH, "Method", "POST");
        Metric errors = Metric.Builder.create()
                .namespace("AWS/ApiGateway")
                .metricName("5xx")
                .dimensionsMap(route)
                .statistic("Sum")
                .period(Duration.minutes(5))
                .build();
        Metric requests = Metric.Builder.create()
                .namespace("AWS/ApiGateway")
                .metricName("Count")
                .dimensionsMap(route)
                .statistic("Sum")
                .period(Duration.minutes(5))
                .build();
        MathExpression errorRate = MathExpression.Builder.create()
                .label("webhook 5xx %")
                .expression("IF(requests > 0, 100 * errors / requests, 0)")
                .usingMetrics(Map.of("errors", errors, "requests", requests))
                .period(Duration.minutes(5))
                .build();
        Alarm webhook5xx = Alarm.Builder.create(this, "Webhook5xxRate")
                .alarmName(stage.name("webhook-5xx"))
                .alarmDescription(
                        "more than 5 % of Helius deliveries answered 5xx (Helius retries them, but they pile up)")
                .metric(errorRate)
                .threshold(5)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(2)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        webhook5xx.addAlarmAction(notify);

        MetricFilter unavailableLines = MetricFilter.Builder.create(this, "GuardsUnavailableFilter")
                .logGroup(api.logs())
                .filterPattern(FilterPattern.literal("\"" + GUARDS_UNAVAILABLE_LOG + "\""))
                .metricNamespace(stage.metricsNamespace())
                .metricName("GuardsUnavailable")
                .metricValue("1")
                .defaultValue(0)
                .build();
        Alarm guardsDown = Alarm.Builder.create(this, "GuardsUnavailable")
                .alarmName(stage.name("guards-unavailable"))
                .alarmDescription("the guards answered data_source: unavailable (Redis unreachable or no data at all)")
                .metric(unavailableLines.metric(MetricOptions.builder()
                        .statistic("Sum")
                        .period(Duration.minutes(1))
                        .build()))
                .threshold(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(2)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        guardsDown.addAlarmAction(notify);

        Dashboard ops = Dashboard.Builder.create(this, "Ops")
                .dashboardName(stage.name("ops"))
                .build();
        List<IMetric> written = FeedService.ALL.stream()
                .<IMetric>map(f -> Metric.Builder.create()
                        .namespace(stage.metricsNamespace())
                        .metricName("RecordsWritten")
                        .dimensionsMap(Map.of("Task", f.task()))
                        .statistic("Sum")
                        .period(Duration.minutes(1))
                        .label(f.task())
                        .build())
                .toList();
        ops.addWidgets(
                GraphWidget.Builder.create()
                        .title("feed records written / min")
                        .left(written)
                        .width(12)
                        .build(),
                GraphWidget.Builder.create()
                        .title("archiver iterator age (ms)")
                        .left(List.of(iteratorAge))
                        .width(12)
                        .build(),
                GraphWidget.Builder.create()
                        .title("webhook 5xx %")
                        .left(List.of(errorRate))
                        .width(8)
                        .build(),
                GraphWidget.Builder.create()
                        .title("guards unavailable")
                        .left(List.of(guardsDown.getMetric()))
                        .width(8)
                        .build(),
                GraphWidget.Builder.create()
                        .title("API errors")
                        .left(List.of(
                                api.function().metricErrors(),
                                webhook.function().metricErrors(),
                                archiver.function().metricErrors(),
                                rollup.function().metricErrors()))
                        .width(8)
                        .build());
        CfnOutput.Builder.create(this, "OpsDashboardUrl")
                .value("https://console.aws.amazon.com/cloudwatch/home?region="
                        + Stack.of(this).getRegion() + "#dashboards:name=" + ops.getDashboardName())
                .build();
    }

    /** The API's host name, for CloudFront's {@code /api/*} origin. */
    public String apiDomain() {
        return Fn.select(2, Fn.split("/", http.getApiEndpoint()));
    }

    public HttpApi http() {
        return http;
    }

    /** The rollup function's name, for {@code feedctl rollup}. */
    public String rollupFunctionName() {
        return rollup.function().getFunctionName();
    }
}
