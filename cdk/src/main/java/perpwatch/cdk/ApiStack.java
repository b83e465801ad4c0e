package perpwatch.cdk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpIamAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpLambdaResponseType;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
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
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.KinesisEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The Lambdas and their triggers, behind two HTTP APIs. The engine's, operators' and Helius' API: the engine's
 * {@code GET /api/engine/guards} and the internal routes signed with SigV4, the webhook checked by its own secret, a
 * throttle per route. The dashboard API: its reads, reached only through CloudFront (an origin-secret header). The
 * read API, the engine and the webhook are three functions from one jar, each with reserved concurrency, so only the
 * webhook holds the Helius secret and no caller can use up another's share. Also the archiver on the Kinesis stream,
 * the rollups on EventBridge schedules, their alarms and an operations dashboard.
 */
public final class ApiStack extends Stack {
    public static final String WEBHOOK_PATH = "/api/webhooks/helius";
    static final String API_HANDLER = "perpwatch.functions.lambda.ApiGatewayHandler";
    static final String ARCHIVER_HANDLER = "perpwatch.archive.ArchiverHandler";
    static final String ROLLUP_HANDLER = "perpwatch.archive.ScheduledRollupHandler";
    static final String CATCH_UP_HANDLER = "perpwatch.functions.lambda.DriftEventsCatchUpHandler";
    /** What GuardsService logs each time it answers {@code data_source: unavailable}. */
    static final String GUARDS_UNAVAILABLE_LOG = "guards data_source unavailable";

    /** The engine's own route: SigV4-signed, its own throttle and its own function. */
    public static final String ENGINE_GUARDS_ROUTE = "GET /api/engine/guards";
    /** Operators' detail routes (full health, webhook counters): IAM only, never through CloudFront. */
    public static final String INTERNAL_ROUTE = "GET /api/internal/{proxy+}";

    public static final String WEBHOOK_COUNTERS_ROUTE = "GET /api/internal/webhooks/helius/counters";
    public static final String WEBHOOK_ROUTE = "POST " + WEBHOOK_PATH;
    /**
     * CloudFront adds this header (a generated secret) to every request it sends to the dashboard API; the API's
     * authorizer lets through only requests that carry it, so that API cannot be called around CloudFront (and so
     * around its WAF and cache).
     */
    public static final String ORIGIN_HEADER = "x-perpwatch-origin";

    private final HttpApi http;
    private final HttpApi dashboardApi;
    private final Secret originSecret;
    private final JavaLambda rollup;

    public ApiStack(
            Construct scope, String id, StackProps props, StageConfig stage, NetworkStack network, DataStack data) {
        super(scope, id, props);
        SurfaceLimits limits = stage.limits();
        SurfaceLimits.Concurrency reserved = limits.concurrency();
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
        JavaLambda api = readApi(stage, "Api", "api", apiEnv, inVpc, reserved.api(), data);
        // The same code as the read API in a function of its own: the dashboard's traffic can use up the read API's
        // concurrency, never the engine's.
        JavaLambda engine = readApi(stage, "Engine", "engine", apiEnv, inVpc, reserved.engine(), data);

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
                        inVpc,
                        reserved.webhook()));
        data.redisAuth().grantRead(webhook.function());
        data.heliusAuth().grantRead(webhook.function());
        data.events().grantWrite(webhook.function());

        // The engine's, the operators' and Helius' API: called directly (no custom domain, so its execute-api
        // endpoint stays on), every route but the webhook signed with SigV4; Helius' deliveries carry their own
        // secret header, checked by the webhook.
        http = HttpApi.Builder.create(this, "Http")
                .apiName(stage.name("api"))
                .createDefaultStage(true)
                .build();
        HttpIamAuthorizer iam = new HttpIamAuthorizer();
        List<HttpRoute> routes = new ArrayList<>();
        routes.addAll(route(http, "/api/engine/guards", HttpMethod.GET, "EngineIntegration", engine, iam));
        routes.addAll(route(http, "/api/internal/{proxy+}", HttpMethod.GET, "InternalIntegration", api, iam));
        routes.addAll(route(
                http,
                WEBHOOK_PATH.replace("/api/", "/api/internal/") + "/counters",
                HttpMethod.GET,
                "WebhookCountersIntegration",
                webhook,
                iam));
        routes.addAll(route(http, WEBHOOK_PATH, HttpMethod.POST, "WebhookIntegration", webhook, null));
        // One throttle per caller: a flood of junk POSTs or operator calls cannot take the engine's tokens.
        Map<String, Object> perRoute = new LinkedHashMap<>();
        perRoute.put(ENGINE_GUARDS_ROUTE, routeSettings(limits.engine()));
        perRoute.put(WEBHOOK_ROUTE, routeSettings(limits.webhook()));
        perRoute.put(INTERNAL_ROUTE, routeSettings(limits.internal()));
        perRoute.put(WEBHOOK_COUNTERS_ROUTE, routeSettings(limits.internal()));
        CfnStage serviceStage = (CfnStage) http.getDefaultStage().getNode().getDefaultChild();
        serviceStage.setDefaultRouteSettings(throttle(limits.internal()));
        serviceStage.setRouteSettings(perRoute);
        // Route settings name route keys, which must exist before the stage refers to them.
        routes.forEach(r -> serviceStage.getNode().addDependency(r));
        accessLog(serviceStage, stage, "api");

        originSecret = Secret.Builder.create(this, "OriginSecret")
                .secretName(stage.name("origin-secret"))
                .description("the header CloudFront adds to every perpwatch " + stage.stage()
                        + " dashboard API request; the API refuses requests without it")
                .generateSecretString(SecretStringGenerator.builder()
                        .excludePunctuation(true)
                        .passwordLength(48)
                        .build())
                .build();
        dashboardApi = HttpApi.Builder.create(this, "DashboardHttp")
                .apiName(stage.name("dashboard-api"))
                .description("the dashboard's reads, through CloudFront only")
                .createDefaultStage(true)
                .defaultAuthorizer(originCheck(stage, reserved.originCheck()))
                .build();
        dashboardApi.addRoutes(AddRoutesOptions.builder()
                .path("/api/{proxy+}")
                .methods(List.of(HttpMethod.GET))
                .integration(new HttpLambdaIntegration("DashboardIntegration", api.live()))
                .build());
        CfnStage dashboardStage =
                (CfnStage) dashboardApi.getDefaultStage().getNode().getDefaultChild();
        dashboardStage.setDefaultRouteSettings(throttle(limits.dashboard()));
        accessLog(dashboardStage, stage, "dashboard-api");

        JavaLambda archiver = archiver(stage, data);
        JavaLambda catchUp = driftCatchUp(stage, data, redisEnv, inVpc);
        rollup = rollups(stage, data);

        alarms(stage, data, api, engine, webhook, archiver);
        iteratorAgeAlarm(
                stage,
                data,
                catchUp,
                "drift-catch-up-iterator-age",
                "Drift events written while Redis was down are more than 5 minutes from reaching Redis");

        CfnOutput.Builder.create(this, "ApiUrl")
                .value(http.getApiEndpoint() + "/api")
                .description("the engine's and operators' API: every route but the webhook needs a SigV4 signature")
                .build();
        CfnOutput.Builder.create(this, "EngineInvokeArn")
                .value(http.arnForExecuteApi("GET", "/api/engine/guards", "$default"))
                .description("grant execute-api:Invoke on this to the engine's role")
                .build();
        CfnOutput.Builder.create(this, "InternalInvokeArn")
                .value(http.arnForExecuteApi("GET", "/api/internal/*", "$default"))
                .description("grant execute-api:Invoke on this to operators (full health, webhook counters)")
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
                        Optional.empty(),
                        stage.limits().concurrency().archiver()));
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
                        inVpc,
                        stage.limits().concurrency().catchUp()));
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
                        Optional.empty(),
                        stage.limits().concurrency().rollup()));
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

    private void alarms(
            StageConfig stage,
            DataStack data,
            JavaLambda api,
            JavaLambda engine,
            JavaLambda webhook,
            JavaLambda archiver) {
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
        // The engine's function answers the same guards and logs the same line: into the same metric.
        MetricFilter.Builder.create(this, "EngineGuardsUnavailableFilter")
                .logGroup(engine.logs())
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
                                engine.function().metricErrors(),
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

    /** A function answering the read routes (the API's jar and handler), with the read API's permissions. */
    private JavaLambda readApi(
            StageConfig stage,
            String id,
            String name,
            Map<String, String> env,
            Optional<JavaLambda.InVpc> inVpc,
            int reservedConcurrency,
            DataStack data) {
        JavaLambda fn = new JavaLambda(
                this,
                id,
                stage,
                new JavaLambda.Spec(
                        name,
                        stage.artifacts().functionsJar(),
                        API_HANDLER,
                        1536,
                        Duration.seconds(10),
                        env,
                        inVpc,
                        reservedConcurrency));
        data.redisAuth().grantRead(fn.function());
        data.events().grantWrite(fn.function());
        return fn;
    }

    /** One route to a function's live alias; {@code authorizer} null: no gateway authorization (the webhook). */
    private static List<HttpRoute> route(
            HttpApi api,
            String path,
            HttpMethod method,
            String integrationId,
            JavaLambda target,
            HttpIamAuthorizer authorizer) {
        AddRoutesOptions.Builder options = AddRoutesOptions.builder()
                .path(path)
                .methods(List.of(method))
                .integration(new HttpLambdaIntegration(integrationId, target.live()));
        if (authorizer != null) {
            options.authorizer(authorizer);
        }
        return api.addRoutes(options.build());
    }

    /**
     * CloudFormation's {@code RouteSettings} is untyped JSON (a map by route key), so jsii would write a typed value
     * with camelCase keys CloudFormation ignores: written here with CloudFormation's own names.
     */
    private static Map<String, Object> routeSettings(SurfaceLimits.Throttle t) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("DetailedMetricsEnabled", true);
        settings.put("ThrottlingRateLimit", t.rate());
        settings.put("ThrottlingBurstLimit", t.burst());
        return settings;
    }

    private static CfnStage.RouteSettingsProperty throttle(SurfaceLimits.Throttle t) {
        // Route-level metrics too: the webhook's 5xx alarm reads them.
        return CfnStage.RouteSettingsProperty.builder()
                .detailedMetricsEnabled(true)
                .throttlingRateLimit(t.rate())
                .throttlingBurstLimit(t.burst())
                .build();
    }

    /** Who called which route, and what the gateway answered (throttled and refused calls never reach a Lambda). */
    private void accessLog(CfnStage cfnStage, StageConfig stage, String name) {
        LogGroup log = LogGroup.Builder.create(this, name + "-access")
                .logGroupName("/perpwatch/" + stage.stage() + "/" + name + "-access")
                .retention(Retention.days(stage.logRetentionDays()))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        cfnStage.setAccessLogSettings(CfnStage.AccessLogSettingsProperty.builder()
                .destinationArn(log.getLogGroupArn())
                .format("{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\","
                        + "\"caller\":\"$context.identity.caller\",\"route\":\"$context.routeKey\","
                        + "\"status\":\"$context.status\",\"error\":\"$context.error.message\","
                        + "\"authorizerError\":\"$context.authorizer.error\","
                        + "\"latency\":\"$context.integrationLatency\"}")
                .build());
    }

    /**
     * The dashboard API's authorizer: the origin header must equal the secret CloudFront sends. The header is its
     * identity source, so API Gateway answers 401 to a request without it before any function runs; answers are
     * cached per header value for 5 minutes, so CloudFront's traffic costs about one check per 5 minutes.
     */
    private HttpLambdaAuthorizer originCheck(StageConfig stage, int reservedConcurrency) {
        LogGroup logs = LogGroup.Builder.create(this, "OriginCheckLogs")
                .logGroupName("/perpwatch/" + stage.stage() + "/origin-check")
                .retention(Retention.days(stage.logRetentionDays()))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Function.Builder builder = Function.Builder.create(this, "OriginCheck")
                .functionName(stage.name("origin-check"))
                .runtime(Runtime.NODEJS_24_X)
                .handler("index.handler")
                .code(Code.fromInline(OriginCheck.SOURCE))
                .memorySize(256)
                .timeout(Duration.seconds(5))
                .environment(Map.of("ORIGIN_SECRET_ARN", originSecret.getSecretArn(), "ORIGIN_HEADER", ORIGIN_HEADER))
                .logGroup(logs);
        if (reservedConcurrency > 0) {
            builder.reservedConcurrentExecutions(reservedConcurrency);
        }
        Function check = builder.build();
        originSecret.grantRead(check);
        return HttpLambdaAuthorizer.Builder.create("OriginCheck", check)
                .authorizerName("origin-header")
                .identitySource(List.of("$request.header." + ORIGIN_HEADER))
                .responseTypes(List.of(HttpLambdaResponseType.SIMPLE))
                .resultsCacheTtl(Duration.minutes(5))
                .build();
    }

    /** The origin secret, for CloudFront's origin header. */
    public Secret originSecret() {
        return originSecret;
    }

    /** The dashboard API's host name, for CloudFront's {@code /api/*} origin. */
    public String apiDomain() {
        return Fn.select(2, Fn.split("/", dashboardApi.getApiEndpoint()));
    }

    public HttpApi dashboardApi() {
        return dashboardApi;
    }

    public HttpApi http() {
        return http;
    }

    /** The rollup function's name, for {@code feedctl rollup}. */
    public String rollupFunctionName() {
        return rollup.function().getFunctionName();
    }
}
