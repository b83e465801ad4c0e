package perpwatch.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Synthesizes the dev stage once (jsii runs the construct library on the machine's Node, offline) and checks every
 * resource issue 9 names with its security properties.
 */
class PerpwatchStacksTest {
    static Template network;
    static Template data;
    static Template feeds;
    static Template api;
    static Template web;
    static List<Template> all;

    @BeforeAll
    static void synth() {
        SynthesizedStage s = SynthesizedStage.get();
        network = s.network;
        data = s.data;
        feeds = s.feeds;
        api = s.api;
        web = s.web;
        all = List.of(network, data, feeds, api, s.edge, web);
    }

    @Test
    void vpcHasPrivateSubnetsAndTheRedisSecurityGroupAdmitsOnlyTheClients() {
        network.resourceCountIs("AWS::EC2::VPC", 1);
        assertEquals(
                2,
                network.findResources(
                                "AWS::EC2::Subnet",
                                Match.objectLike(Map.of("Properties", Map.of("MapPublicIpOnLaunch", false))))
                        .size(),
                "two private subnets");
        // Every way into Redis names a source security group; none is open to an address range.
        for (Template t : all) {
            for (Map<String, Object> sg : resources(t, "AWS::EC2::SecurityGroup")) {
                for (Object rule : list(props(sg).get("SecurityGroupIngress"))) {
                    assertFalse(
                            String.valueOf(rule).contains("6379")
                                    && String.valueOf(rule).contains("CidrIp"),
                            "Redis open to a CIDR: " + rule);
                }
            }
        }
        Map<String, Object> redisSg = resources(data, "AWS::EC2::SecurityGroup").stream()
                .filter(sg -> String.valueOf(props(sg).get("GroupDescription")).contains("Redis"))
                .findFirst()
                .orElseThrow();
        List<Object> ingress = list(props(redisSg).get("SecurityGroupIngress"));
        assertEquals(2, ingress.size(), "feed tasks and Lambdas, nothing else");
        for (Object r : ingress) {
            Map<?, ?> rule = (Map<?, ?>) r;
            assertEquals(6379, rule.get("FromPort"));
            assertEquals(6379, rule.get("ToPort"));
            assertTrue(rule.containsKey("SourceSecurityGroupId"));
            assertFalse(rule.containsKey("CidrIp") || rule.containsKey("CidrIpv6"));
        }
        // No outbound rule but CDK's "disallow all" placeholder: Redis never dials out.
        assertEquals(1, list(props(redisSg).get("SecurityGroupEgress")).size());
        assertTrue(String.valueOf(props(redisSg).get("SecurityGroupEgress")).contains("255.255.255.255/32"));
    }

    @Test
    void redisIsMultiAzEncryptedAndAuthenticatedFromSecretsManager() {
        data.hasResourceProperties(
                "AWS::ElastiCache::ReplicationGroup",
                Map.of(
                        "MultiAZEnabled",
                        true,
                        "AutomaticFailoverEnabled",
                        true,
                        "NumCacheClusters",
                        2,
                        "TransitEncryptionEnabled",
                        true,
                        "AtRestEncryptionEnabled",
                        true,
                        "AuthToken",
                        Match.objectLike(Map.of(
                                "Fn::Join",
                                Match.arrayWith(List.of(Match.arrayWith(
                                        List.of(Match.stringLikeRegexp("resolve:secretsmanager")))))))));
        Map<String, Object> group =
                resources(data, "AWS::ElastiCache::ReplicationGroup").get(0);
        assertFalse(props(group).containsKey("PubliclyAccessible"));
        data.resourceCountIs("AWS::SecretsManager::Secret", 3);
    }

    @Test
    void theSolanaRpcSecretStartsAsAPlaceholderThatParsesNotAsAGeneratedValue() {
        Map<String, Object> secret = resources(data, "AWS::SecretsManager::Secret").stream()
                .filter(r -> String.valueOf(props(r).get("Name")).endsWith("solana-rpc-url"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                "https://set-me.invalid/replace-with-your-rpc-url",
                props(secret).get("SecretString"));
        assertFalse(props(secret).containsKey("GenerateSecretString"), "a generated value can hold punctuation");
    }

    @Test
    void kinesisIsOnDemandAndEncrypted() {
        data.hasResourceProperties(
                "AWS::Kinesis::Stream",
                Map.of(
                        "StreamModeDetails", Map.of("StreamMode", "ON_DEMAND"),
                        "StreamEncryption", Map.of("EncryptionType", "KMS", "KeyId", "alias/aws/kinesis")));
    }

    @Test
    void archiveBucketIsPrivateEncryptedSslOnlyAndExpiresAfterThirtyDays() {
        data.hasResourceProperties(
                "AWS::S3::Bucket",
                Map.of(
                        "PublicAccessBlockConfiguration",
                                Map.of(
                                        "BlockPublicAcls",
                                        true,
                                        "BlockPublicPolicy",
                                        true,
                                        "IgnorePublicAcls",
                                        true,
                                        "RestrictPublicBuckets",
                                        true),
                        "BucketEncryption",
                                Match.objectLike(Map.of(
                                        "ServerSideEncryptionConfiguration",
                                        Match.arrayWith(List.of(Match.objectLike(Map.of(
                                                "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256"))))))),
                        "LifecycleConfiguration",
                                Map.of(
                                        "Rules",
                                        Match.arrayWith(List.of(Match.objectLike(
                                                Map.of("ExpirationInDays", 30, "Status", "Enabled")))))));
        sslOnly(data);
    }

    @Test
    void dashboardBucketIsReadOnlyThroughCloudFrontOriginAccessControl() {
        web.resourceCountIs("AWS::CloudFront::OriginAccessControl", 1);
        web.hasResourceProperties(
                "AWS::S3::Bucket",
                Map.of(
                        "PublicAccessBlockConfiguration",
                        Map.of(
                                "BlockPublicAcls",
                                true,
                                "BlockPublicPolicy",
                                true,
                                "IgnorePublicAcls",
                                true,
                                "RestrictPublicBuckets",
                                true)));
        web.hasResourceProperties(
                "AWS::S3::BucketPolicy",
                Map.of(
                        "PolicyDocument",
                        Map.of(
                                "Statement",
                                Match.arrayWith(List.of(Match.objectLike(Map.of(
                                        "Principal",
                                        Map.of("Service", "cloudfront.amazonaws.com"),
                                        "Action",
                                        "s3:GetObject")))))));
        web.hasResourceProperties(
                "AWS::CloudFront::Distribution",
                Map.of(
                        "DistributionConfig",
                        Match.objectLike(Map.of(
                                "DefaultRootObject",
                                "index.html",
                                "CacheBehaviors",
                                Match.arrayWith(List.of(Match.objectLike(Map.of("PathPattern", "/api/*"))))))));
        sslOnly(web);
    }

    @Test
    void everyFeedTaskRunsAsOneServiceWithRollbackHealthCheckSecretAndLogs() {
        feeds.resourceCountIs("AWS::ECS::Service", FeedService.ALL.size());
        feeds.resourceCountIs("AWS::ECS::TaskDefinition", FeedService.ALL.size());
        for (Map<String, Object> service : resources(feeds, "AWS::ECS::Service")) {
            Map<String, Object> p = props(service);
            assertEquals(1, p.get("DesiredCount"));
            assertEquals(
                    Map.of("Enable", true, "Rollback", true),
                    ((Map<?, ?>) p.get("DeploymentConfiguration")).get("DeploymentCircuitBreaker"));
            assertEquals(
                    "DISABLED",
                    ((Map<?, ?>) ((Map<?, ?>) p.get("NetworkConfiguration")).get("AwsvpcConfiguration"))
                            .get("AssignPublicIp"));
        }
        Set<String> commands = new TreeSet<>();
        for (Map<String, Object> task : resources(feeds, "AWS::ECS::TaskDefinition")) {
            Map<?, ?> container =
                    (Map<?, ?>) list(props(task).get("ContainerDefinitions")).get(0);
            commands.add(String.valueOf(list(container.get("Command")).get(0)));
            assertEquals(
                    List.of("CMD-SHELL", FeedsStack.LIVENESS_CHECK),
                    ((Map<?, ?>) container.get("HealthCheck")).get("Command"));
            assertEquals("awslogs", ((Map<?, ?>) container.get("LogConfiguration")).get("LogDriver"));
            List<String> secretNames = list(container.get("Secrets")).stream()
                    .map(s -> (String) ((Map<?, ?>) s).get("Name"))
                    .toList();
            boolean drift =
                    String.valueOf(list(container.get("Command")).get(0)).equals("--task=drift-liq-map");
            // The Drift scan's RPC URL carries the provider's key: a secret, and only that task gets it.
            assertEquals(
                    drift
                            ? List.of("PERPWATCH_REDIS_AUTH", "PERPWATCH_SOLANA_RPC_URL")
                            : List.of("PERPWATCH_REDIS_AUTH"),
                    secretNames.stream().sorted().toList());
            for (Object env : list(container.get("Environment"))) {
                assertFalse(
                        String.valueOf(((Map<?, ?>) env).get("Name")).endsWith("_AUTH"),
                        "a secret in plain environment: " + env);
            }
        }
        assertEquals(
                new TreeSet<>(List.of(
                        "--task=binance-trades",
                        "--task=binance-book",
                        "--task=liquidations",
                        "--task=okx-usdc",
                        "--task=bybit-funding",
                        "--task=velocity-market",
                        "--task=drift-liq-map")),
                commands);
        feeds.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 14));
    }

    @Test
    void javaLambdasHaveSnapStartOnPublishedVersionsAndAliases() {
        List<Map<String, Object>> functions = resources(api, "AWS::Lambda::Function").stream()
                .filter(f -> String.valueOf(props(f).get("Runtime")).startsWith("java"))
                .toList();
        assertEquals(6, functions.size(), "api, engine, webhook, archiver, drift catch-up, rollup");
        Set<String> handlers = new TreeSet<>();
        for (Map<String, Object> f : functions) {
            assertEquals("java21", props(f).get("Runtime"));
            assertEquals(Map.of("ApplyOn", "PublishedVersions"), props(f).get("SnapStart"));
            handlers.add((String) props(f).get("Handler"));
            Map<?, ?> env = (Map<?, ?>) ((Map<?, ?>) props(f).get("Environment")).get("Variables");
            assertFalse(
                    env.containsKey("PERPWATCH_REDIS_AUTH") || env.containsKey("PERPWATCH_HELIUS_AUTH"),
                    "secret in plain environment");
        }
        assertEquals(
                new TreeSet<>(List.of(
                        ApiStack.API_HANDLER,
                        ApiStack.ARCHIVER_HANDLER,
                        ApiStack.ROLLUP_HANDLER,
                        ApiStack.CATCH_UP_HANDLER)),
                handlers);
        api.resourceCountIs("AWS::Lambda::Alias", 6);
        api.resourceCountIs("AWS::Lambda::Version", 6);
    }

    @Test
    void httpApisRouteTheEngineInternalsWebhookAndDashboardToTheirAliases() {
        api.resourceCountIs("AWS::ApiGatewayV2::Api", 2);
        Set<String> routes = new TreeSet<>();
        resources(api, "AWS::ApiGatewayV2::Route").forEach(r -> routes.add((String) props(r).get("RouteKey")));
        assertEquals(
                new TreeSet<>(List.of(
                        "GET /api/engine/guards",
                        "GET /api/internal/{proxy+}",
                        "GET /api/internal/webhooks/helius/counters",
                        "POST /api/webhooks/helius",
                        "GET /api/{proxy+}")),
                routes);
        for (Map<String, Object> integration : resources(api, "AWS::ApiGatewayV2::Integration")) {
            assertEquals("2.0", props(integration).get("PayloadFormatVersion"));
            assertTrue(
                    String.valueOf(props(integration).get("IntegrationUri")).contains("Live"),
                    "targets the SnapStart alias");
        }
        api.hasResourceProperties(
                "AWS::ApiGatewayV2::Stage",
                Map.of("DefaultRouteSettings", Match.objectLike(Map.of("DetailedMetricsEnabled", true))));
    }

    @Test
    void archiverReadsKinesisWithBisectOnErrorAndAFailureQueue() {
        api.hasResourceProperties(
                "AWS::Lambda::EventSourceMapping",
                Map.of(
                        "BisectBatchOnFunctionError",
                        true,
                        "StartingPosition",
                        "TRIM_HORIZON",
                        "DestinationConfig",
                        Map.of("OnFailure", Map.of("Destination", Match.anyValue()))));
        List<String> consumers = resources(api, "AWS::Lambda::EventSourceMapping").stream()
                .map(m -> String.valueOf(props(m).get("FunctionName")))
                .toList();
        assertEquals(2, consumers.size(), consumers.toString());
        assertTrue(
                consumers.stream().anyMatch(f -> f.contains("ArchiverLive")),
                "the SnapStart alias, not $LATEST: " + consumers);
        assertTrue(
                consumers.stream().anyMatch(f -> f.contains("DriftCatchUpLive")),
                "the webhook's Redis catch-up reads the log: " + consumers);
        api.hasResourceProperties("AWS::SQS::Queue", Map.of("SqsManagedSseEnabled", true));
    }

    @Test
    void rollupsRunHourlyAndDailyOnEventBridge() {
        api.hasResourceProperties(
                "AWS::Events::Rule",
                Map.of(
                        "ScheduleExpression",
                        "cron(10 * * * ? *)",
                        "Targets",
                        Match.arrayWith(List.of(Match.objectLike(Map.of("Input", "{\"scope\":\"hour\"}"))))));
        api.hasResourceProperties(
                "AWS::Events::Rule",
                Map.of(
                        "ScheduleExpression",
                        "cron(30 0 * * ? *)",
                        "Targets",
                        Match.arrayWith(List.of(Match.objectLike(Map.of("Input", "{\"scope\":\"day\"}"))))));
    }

    @Test
    void noPolicyAllowsEveryActionOrAServiceWildcardOnEveryResource() {
        List<String> wildcardResource = new ArrayList<>();
        for (Template t : all) {
            List<Object> documents = new ArrayList<>();
            for (String type : List.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")) {
                resources(t, type).forEach(p -> documents.add(props(p).get("PolicyDocument")));
            }
            for (Map<String, Object> role : resources(t, "AWS::IAM::Role")) {
                list(props(role).get("Policies")).forEach(p -> documents.add(((Map<?, ?>) p).get("PolicyDocument")));
            }
            {
                for (Object document : documents) {
                    for (Object s : list(((Map<?, ?>) document).get("Statement"))) {
                        Map<?, ?> statement = (Map<?, ?>) s;
                        List<Object> actions = list(statement.get("Action"));
                        for (Object a : actions) {
                            assertFalse(a.equals("*"), "Action * in " + statement);
                        }
                        if (list(statement.get("Resource")).contains("*")) {
                            for (Object a : actions) {
                                assertFalse(String.valueOf(a).endsWith(":*"), "service wildcard on * in " + statement);
                                wildcardResource.add(String.valueOf(a));
                            }
                        }
                    }
                }
            }
        }
        // What AWS only grants on "*" (no resource-level permission exists for these), and nothing else.
        Set<String> allowed = Set.of("ecr:GetAuthorizationToken", "xray:PutTraceSegments", "xray:PutTelemetryRecords");
        for (String action : wildcardResource) {
            assertTrue(allowed.contains(action), action + " on *");
        }
    }

    @Test
    void alarmsCoverSilentFeedsArchiverLagWebhookErrorsAndUnavailableGuards() {
        Set<String> names = new TreeSet<>();
        for (Template t : List.of(feeds, api)) {
            for (Map<String, Object> alarm : resources(t, "AWS::CloudWatch::Alarm")) {
                names.add(String.valueOf(props(alarm).get("AlarmName")));
                assertFalse(
                        list(props(alarm).get("AlarmActions")).isEmpty(),
                        "an alarm that tells no one: " + props(alarm).get("AlarmName"));
            }
        }
        for (String expected : List.of(
                "binance-trades-silent",
                "binance-book-silent",
                "okx-usdc-silent",
                "bybit-funding-silent",
                "drift-liq-map-silent",
                "archiver-iterator-age",
                "webhook-5xx",
                "guards-unavailable",
                "archiver-failures",
                "drift-catch-up-iterator-age")) {
            assertTrue(names.contains("perpwatch-dev-" + expected), expected + " in " + names);
        }
        feeds.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Map.of(
                        "AlarmName",
                        "perpwatch-dev-binance-trades-silent",
                        "MetricName",
                        "RecordsWritten",
                        "Namespace",
                        "Perpwatch/dev",
                        "Period",
                        60,
                        "EvaluationPeriods",
                        2,
                        "ComparisonOperator",
                        "LessThanThreshold",
                        "TreatMissingData",
                        "breaching"));
        api.hasResourceProperties(
                "AWS::Logs::MetricFilter", Map.of("FilterPattern", "\"" + ApiStack.GUARDS_UNAVAILABLE_LOG + "\""));
    }

    @Test
    void outputsGiveTheApiDashboardAndWebhookUrls() {
        api.hasOutput("ApiUrl", Match.anyValue());
        api.hasOutput("WebhookUrl", Match.anyValue());
        api.hasOutput("OpsDashboardUrl", Match.anyValue());
        web.hasOutput("DashboardUrl", Match.anyValue());
    }

    static void sslOnly(Template t) {
        t.hasResourceProperties(
                "AWS::S3::BucketPolicy",
                Map.of(
                        "PolicyDocument",
                        Map.of(
                                "Statement",
                                Match.arrayWith(List.of(Match.objectLike(Map.of(
                                        "Effect",
                                        "Deny",
                                        "Condition",
                                        Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> resources(Template t, String type) {
        return new ArrayList<>((Collection<Map<String, Object>>)
                (Collection<?>) t.findResources(type).values());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> props(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> l ? (List<Object>) l : List.of(value);
    }
}
