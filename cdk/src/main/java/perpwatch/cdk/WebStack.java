package perpwatch.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudfront.AddBehaviorOptions;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.HeadersFrameOption;
import software.amazon.awscdk.services.cloudfront.HeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.OriginProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentSecurityPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentTypeOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersFrameOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersReferrerPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersStrictTransportSecurity;
import software.amazon.awscdk.services.cloudfront.ResponseSecurityHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.HttpOrigin;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.CacheControl;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;

/**
 * The dashboard: a private bucket that only CloudFront reads (origin access control), and {@code /api/*} on the same
 * distribution forwarded to the dashboard API, so the dashboard's {@code config.json} keeps {@code apiBase: ""} and
 * the browser never makes a cross-origin call. The WAF's per-IP rate rule sits in front of all of it; CloudFront
 * signs each API request with the origin secret (the API refuses any request without it), caches history answers for
 * their bin width, and adds the security headers to every answer.
 */
public final class WebStack extends Stack {
    /**
     * Only the app's own origin: the Vite build has no inline script or style (React sets styles through the DOM,
     * which CSP does not govern), its fonts are bundled files, and the API is on the same origin ({@code /api}).
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'none'; frame-ancestors 'none'; upgrade-insecure-requests";

    private final Distribution cdn;

    public WebStack(Construct scope, String id, StackProps props, StageConfig stage, ApiStack api, EdgeStack edge) {
        super(scope, id, props);
        Bucket site = Bucket.Builder.create(this, "Site")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                // Built files only, rebuilt by every deploy: nothing to keep.
                .removalPolicy(RemovalPolicy.DESTROY)
                .autoDeleteObjects(true)
                .build();
        ResponseHeadersPolicy headers = securityHeaders(stage);
        cdn = Distribution.Builder.create(this, "Cdn")
                .comment("perpwatch " + stage.stage() + " dashboard")
                .defaultRootObject("index.html")
                .webAclId(edge.webAclArn())
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(S3BucketOrigin.withOriginAccessControl(site))
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .responseHeadersPolicy(headers)
                        .build())
                .build();
        HttpOrigin apiOrigin = HttpOrigin.Builder.create(api.apiDomain())
                .protocolPolicy(OriginProtocolPolicy.HTTPS_ONLY)
                // A dynamic reference: CloudFormation reads the secret at deploy time; it never sits in the template.
                .customHeaders(Map.of(
                        ApiStack.ORIGIN_HEADER,
                        api.originSecret().getSecretValue().unsafeUnwrap()))
                .build();
        // First match wins, so the narrower patterns come first. Each history family is cached for its bin width:
        // the API's Cache-Control (s-maxage) decides within the policy's bounds, its ETag answers revalidations; an
        // answer marked no-cache or no-store is not cached (minimum TTL 0).
        for (ApiCacheFamily family : ApiCacheFamily.values()) {
            cdn.addBehavior(
                    family.pathPattern(),
                    apiOrigin,
                    AddBehaviorOptions.builder()
                            .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
                            // Reads only: the webhook is called on the API's own endpoint, never through here.
                            .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
                            .cachePolicy(family.policy(this, stage))
                            .originRequestPolicy(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)
                            .responseHeadersPolicy(headers)
                            .build());
        }
        // No CloudFront invalidation (its IAM actions only exist on "*"): Vite's hashed assets are immutable, and the
        // two files that keep their names are served no-cache, so CloudFront revalidates them with S3 each time.
        List<String> entryFiles = List.of("index.html", "config.json");
        BucketDeployment.Builder.create(this, "Assets")
                .sources(List.of(Source.asset(stage.artifacts().webDist().toString())))
                .destinationBucket(site)
                .exclude(entryFiles)
                .prune(false)
                .cacheControl(List.of(CacheControl.fromString("public, max-age=31536000, immutable")))
                .build();
        BucketDeployment.Builder.create(this, "EntryFiles")
                .sources(List.of(Source.asset(stage.artifacts().webDist().toString())))
                .destinationBucket(site)
                .exclude(List.of("*"))
                .include(entryFiles)
                .prune(false)
                .cacheControl(List.of(CacheControl.noCache()))
                .build();
        CfnOutput.Builder.create(this, "DashboardUrl")
                .value("https://" + cdn.getDistributionDomainName() + "/")
                .description("the dashboard (and its reads under /api/)")
                .build();
    }

    /** CSP (own origin only), HSTS, no framing, no MIME sniffing, and no full URL sent to other sites. */
    private ResponseHeadersPolicy securityHeaders(StageConfig stage) {
        return ResponseHeadersPolicy.Builder.create(this, "SecurityHeaders")
                .responseHeadersPolicyName(stage.name("security-headers"))
                .comment("perpwatch " + stage.stage() + " dashboard security headers")
                .securityHeadersBehavior(ResponseSecurityHeadersBehavior.builder()
                        .contentSecurityPolicy(ResponseHeadersContentSecurityPolicy.builder()
                                .contentSecurityPolicy(CONTENT_SECURITY_POLICY)
                                .override(true)
                                .build())
                        .strictTransportSecurity(ResponseHeadersStrictTransportSecurity.builder()
                                .accessControlMaxAge(Duration.days(365))
                                .includeSubdomains(true)
                                .override(true)
                                .build())
                        .frameOptions(ResponseHeadersFrameOptions.builder()
                                .frameOption(HeadersFrameOption.DENY)
                                .override(true)
                                .build())
                        .contentTypeOptions(ResponseHeadersContentTypeOptions.builder()
                                .override(true)
                                .build())
                        .referrerPolicy(ResponseHeadersReferrerPolicy.builder()
                                .referrerPolicy(HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)
                                .override(true)
                                .build())
                        .build())
                .build();
    }

    public Distribution cdn() {
        return cdn;
    }
}
