package perpwatch.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static perpwatch.cdk.PerpwatchStacksTest.list;
import static perpwatch.cdk.PerpwatchStacksTest.props;
import static perpwatch.cdk.PerpwatchStacksTest.resources;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * Issue 22's surface: the engine's route nobody can starve, internals behind IAM, the dashboard API reachable only
 * through CloudFront (WAF, cache, security headers), and a reserved share of concurrency for every function.
 */
class PublicSurfaceTest {
    static final SynthesizedStage S = SynthesizedStage.get();
    static final SurfaceLimits LIMITS = SurfaceLimits.DEFAULTS;

    @Test
    void theEngineAndInternalRoutesNeedSigV4AndTheWebhookRouteItsOwnSecret() {
        Map<String, String> auth = resources(S.api, "AWS::ApiGatewayV2::Route").stream()
                .collect(Collectors.toMap(
                        r -> (String) props(r).get("RouteKey"),
                        r -> String.valueOf(props(r).get("AuthorizationType"))));
        assertEquals("AWS_IAM", auth.get(ApiStack.ENGINE_GUARDS_ROUTE));
        assertEquals("AWS_IAM", auth.get(ApiStack.INTERNAL_ROUTE));
        assertEquals("AWS_IAM", auth.get(ApiStack.WEBHOOK_COUNTERS_ROUTE));
        assertEquals("NONE", auth.get(ApiStack.WEBHOOK_ROUTE));
        assertEquals("CUSTOM", auth.get("GET /api/{proxy+}"), "the dashboard route checks CloudFront's header");
        assertFalse(auth.containsKey("GET /api/webhooks/helius/counters"), "the old public counters route is gone");
    }

    @Test
    void theEngineRouteReachesAFunctionOfItsOwn() {
        Map<String, Object> route = resources(S.api, "AWS::ApiGatewayV2::Route").stream()
                .filter(r -> ApiStack.ENGINE_GUARDS_ROUTE.equals(props(r).get("RouteKey")))
                .findFirst()
                .orElseThrow();
        String target = String.valueOf(props(route).get("Target"));
        assertTrue(target.contains("EngineIntegration"), target);
        S.api.hasResourceProperties(
                "AWS::ApiGatewayV2::Integration",
                Map.of("IntegrationUri", Match.objectLike(Map.of("Ref", Match.stringLikeRegexp("^EngineLive")))));
    }

    @Test
    void everyCallerHasItsOwnThrottle() {
        Map<String, Object> service = stageOf("perpwatch-dev-api");
        Map<?, ?> perRoute = (Map<?, ?>) props(service).get("RouteSettings");
        assertThrottle(perRoute.get(ApiStack.ENGINE_GUARDS_ROUTE), LIMITS.engine());
        assertThrottle(perRoute.get(ApiStack.WEBHOOK_ROUTE), LIMITS.webhook());
        assertThrottle(perRoute.get(ApiStack.INTERNAL_ROUTE), LIMITS.internal());
        assertThrottle(perRoute.get(ApiStack.WEBHOOK_COUNTERS_ROUTE), LIMITS.internal());
        assertThrottle(props(service).get("DefaultRouteSettings"), LIMITS.internal());
        assertThrottle(props(stageOf("perpwatch-dev-dashboard-api")).get("DefaultRouteSettings"), LIMITS.dashboard());
        for (Map<String, Object> stage : resources(S.api, "AWS::ApiGatewayV2::Stage")) {
            assertTrue(props(stage).containsKey("AccessLogSettings"), "gateway access log on " + stage);
        }
    }

    @Test
    void theDashboardApiRefusesRequestsWithoutCloudFrontsHeader() {
        S.api.hasResourceProperties(
                "AWS::ApiGatewayV2::Authorizer",
                Map.of(
                        "AuthorizerType",
                        "REQUEST",
                        "EnableSimpleResponses",
                        true,
                        "IdentitySource",
                        List.of("$request.header." + ApiStack.ORIGIN_HEADER),
                        "AuthorizerResultTtlInSeconds",
                        300));
        Map<String, Object> cdn =
                resources(S.web, "AWS::CloudFront::Distribution").get(0);
        String origins = String.valueOf(((Map<?, ?>) props(cdn).get("DistributionConfig")).get("Origins"));
        assertTrue(origins.contains("HeaderName=" + ApiStack.ORIGIN_HEADER), origins);
        assertTrue(origins.contains("resolve:secretsmanager"), "the header's value is the secret, read at deploy");
    }

    @Test
    void everyFunctionHasReservedConcurrencyAndJavaOnesResolveDnsAfterFailover() {
        SurfaceLimits.Concurrency c = LIMITS.concurrency();
        Map<String, Integer> expected = Map.of(
                "perpwatch-dev-api", c.api(),
                "perpwatch-dev-engine", c.engine(),
                "perpwatch-dev-webhook", c.webhook(),
                "perpwatch-dev-archiver", c.archiver(),
                "perpwatch-dev-drift-catch-up", c.catchUp(),
                "perpwatch-dev-rollup", c.rollup(),
                "perpwatch-dev-origin-check", c.originCheck());
        Map<String, Object> reserved = resources(S.api, "AWS::Lambda::Function").stream()
                .filter(f -> props(f).get("FunctionName") instanceof String)
                .collect(Collectors.toMap(
                        f -> (String) props(f).get("FunctionName"),
                        f -> String.valueOf(props(f).get("ReservedConcurrentExecutions"))));
        expected.forEach((name, n) -> assertEquals(String.valueOf(n), reserved.get(name), name));
        for (Map<String, Object> f : resources(S.api, "AWS::Lambda::Function")) {
            if (String.valueOf(props(f).get("Runtime")).startsWith("java")) {
                Map<?, ?> env = (Map<?, ?>) ((Map<?, ?>) props(f).get("Environment")).get("Variables");
                // The HTTP API functions stop the JIT at C1 for their cold start; the batch functions keep C2.
                String toolOptions = ApiStack.API_HANDLER.equals(props(f).get("Handler"))
                        ? "-Dsun.net.inetaddr.ttl=5 -XX:+TieredCompilation -XX:TieredStopAtLevel=1"
                        : "-Dsun.net.inetaddr.ttl=5";
                assertEquals(toolOptions, env.get("JAVA_TOOL_OPTIONS"), String.valueOf(props(f).get("FunctionName")));
            }
        }
    }

    @Test
    void aWafRateRuleInUsEast1GuardsCloudFront() {
        assertEquals(EdgeStack.REGION, S.stacks.edge().getRegion());
        assertEquals(SynthesizedStage.REGION, Stack.of(S.stacks.web()).getRegion());
        S.edge.hasResourceProperties(
                "AWS::WAFv2::WebACL",
                Map.of(
                        "Scope",
                        "CLOUDFRONT",
                        "Rules",
                        List.of(Match.objectLike(Map.of(
                                "Statement",
                                Map.of(
                                        "RateBasedStatement",
                                        Map.of(
                                                "Limit",
                                                LIMITS.wafRateLimit(),
                                                "EvaluationWindowSec",
                                                300,
                                                "AggregateKeyType",
                                                "IP")),
                                "Action",
                                Map.of("Block", Map.of()))))));
        Map<String, Object> cdn =
                resources(S.web, "AWS::CloudFront::Distribution").get(0);
        Object acl = ((Map<?, ?>) props(cdn).get("DistributionConfig")).get("WebACLId");
        assertTrue(acl != null && String.valueOf(acl).contains("Fn::GetAtt"), "read across regions: " + acl);
    }

    @Test
    void historyRoutesAreCachedForTheirBinWidthAndLiveOnesNot() {
        Map<String, Object> cdn =
                resources(S.web, "AWS::CloudFront::Distribution").get(0);
        List<Object> behaviors = list(((Map<?, ?>) props(cdn).get("DistributionConfig")).get("CacheBehaviors"));
        assertEquals(
                List.of("/api/market/liq_heatmap", "/api/market/*", "/api/onchain/*", "/api/*"),
                behaviors.stream().map(b -> ((Map<?, ?>) b).get("PathPattern")).toList(),
                "first match wins: narrow patterns first");
        for (Object b : behaviors) {
            assertEquals(List.of("GET", "HEAD"), ((Map<?, ?>) b).get("AllowedMethods"), "reads only");
            assertTrue(((Map<?, ?>) b).containsKey("ResponseHeadersPolicyId"));
        }
        for (ApiCacheFamily family : List.of(ApiCacheFamily.HEATMAP, ApiCacheFamily.MARKET, ApiCacheFamily.ONCHAIN)) {
            S.web.hasResourceProperties(
                    "AWS::CloudFront::CachePolicy",
                    Map.of(
                            "CachePolicyConfig",
                            Match.objectLike(Map.of(
                                    "Name",
                                    "perpwatch-dev-api-" + family.name().toLowerCase(),
                                    // 0: an answer the API marks no-cache or no-store is never served from cache.
                                    "MinTTL",
                                    0,
                                    "DefaultTTL",
                                    family.defaultTtlSeconds(),
                                    "MaxTTL",
                                    family.maxTtlSeconds()))));
        }
        assertEquals(300, ApiCacheFamily.HEATMAP.defaultTtlSeconds(), "hours=1: 12 bins of 5 minutes");
        assertEquals(14 * 3600, ApiCacheFamily.HEATMAP.maxTtlSeconds(), "hours=168: 12 bins of 14 hours");
        S.web.resourceCountIs("AWS::CloudFront::CachePolicy", 3);
    }

    @Test
    void theDashboardAnswersWithCspHstsNoFramingAndNoSniffing() {
        S.web.hasResourceProperties(
                "AWS::CloudFront::ResponseHeadersPolicy",
                Map.of(
                        "ResponseHeadersPolicyConfig",
                        Match.objectLike(Map.of(
                                "SecurityHeadersConfig",
                                Map.of(
                                        "ContentSecurityPolicy",
                                        Map.of(
                                                "ContentSecurityPolicy",
                                                WebStack.CONTENT_SECURITY_POLICY,
                                                "Override",
                                                true),
                                        "StrictTransportSecurity",
                                        Map.of(
                                                "AccessControlMaxAgeSec",
                                                31_536_000,
                                                "IncludeSubdomains",
                                                true,
                                                "Override",
                                                true),
                                        "FrameOptions",
                                        Map.of("FrameOption", "DENY", "Override", true),
                                        "ContentTypeOptions",
                                        Map.of("Override", true),
                                        "ReferrerPolicy",
                                        Map.of(
                                                "ReferrerPolicy",
                                                "strict-origin-when-cross-origin",
                                                "Override",
                                                true))))));
        String csp = WebStack.CONTENT_SECURITY_POLICY;
        assertTrue(csp.contains("frame-ancestors 'none'"));
        for (String directive : csp.split(";")) {
            String d = directive.trim();
            assertFalse(d.contains("unsafe-") || d.contains("http") || d.contains("*"), "only the own origin: " + d);
        }
        Map<String, Object> cdn =
                resources(S.web, "AWS::CloudFront::Distribution").get(0);
        Map<?, ?> main = (Map<?, ?>) ((Map<?, ?>) props(cdn).get("DistributionConfig")).get("DefaultCacheBehavior");
        assertTrue(main.containsKey("ResponseHeadersPolicyId"), "the dashboard's own files too");
    }

    @Test
    void limitsComeFromContextWithDefaults() {
        SurfaceLimits l = SurfaceLimits.fromContext(
                Map.<String, Object>of("throttle.engine", "5/10", "concurrency.api", "3", "wafRateLimit", "500")::get);
        assertEquals(new SurfaceLimits.Throttle(5, 10), l.engine());
        assertEquals(3, l.concurrency().api());
        assertEquals(500, l.wafRateLimit());
        assertEquals(LIMITS.dashboard(), l.dashboard());
        assertThrows(
                IllegalArgumentException.class,
                () -> SurfaceLimits.fromContext(Map.<String, Object>of("throttle.webhook", "fast")::get));
        assertThrows(IllegalArgumentException.class, () -> new SurfaceLimits.Throttle(10, 5));
        assertEquals(
                7,
                SurfaceLimits.fromContext(Map.<String, Object>of("concurrency.rollup", 7.0)::get)
                        .concurrency()
                        .rollup());
    }

    private static Map<String, Object> stageOf(String apiName) {
        Template t = S.api;
        String apiId = resources(t, "AWS::ApiGatewayV2::Api").stream()
                .filter(a -> apiName.equals(props(a).get("Name")))
                .map(a -> logicalId(t, a))
                .findFirst()
                .orElseThrow();
        return resources(t, "AWS::ApiGatewayV2::Stage").stream()
                .filter(s -> String.valueOf(props(s).get("ApiId")).contains(apiId))
                .findFirst()
                .orElseThrow();
    }

    private static String logicalId(Template t, Map<String, Object> resource) {
        return t.findResources("AWS::ApiGatewayV2::Api").entrySet().stream()
                .filter(e -> e.getValue().equals(resource))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
    }

    private static void assertThrottle(Object settings, SurfaceLimits.Throttle expected) {
        Map<?, ?> s = (Map<?, ?>) settings;
        assertEquals(expected.rate(), ((Number) s.get("ThrottlingRateLimit")).intValue(), String.valueOf(s));
        assertEquals(expected.burst(), ((Number) s.get("ThrottlingBurstLimit")).intValue(), String.valueOf(s));
    }
}
