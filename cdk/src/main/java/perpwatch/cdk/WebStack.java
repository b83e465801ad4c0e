package perpwatch.cdk;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.OriginProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.OriginRequestPolicy;
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
 * distribution forwarded uncached to the HTTP API, so the dashboard's {@code config.json} keeps {@code apiBase: ""}
 * and the browser never makes a cross-origin call.
 */
public final class WebStack extends Stack {
    public WebStack(Construct scope, String id, StackProps props, StageConfig stage, ApiStack api) {
        super(scope, id, props);
        Bucket site = Bucket.Builder.create(this, "Site")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                // Built files only, rebuilt by every deploy: nothing to keep.
                .removalPolicy(RemovalPolicy.DESTROY)
                .autoDeleteObjects(true)
                .build();
        Distribution cdn = Distribution.Builder.create(this, "Cdn")
                .comment("perpwatch " + stage.stage() + " dashboard")
                .defaultRootObject("index.html")
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(S3BucketOrigin.withOriginAccessControl(site))
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .build())
                .additionalBehaviors(Map.of(
                        "/api/*",
                        BehaviorOptions.builder()
                                .origin(HttpOrigin.Builder.create(api.apiDomain())
                                        .protocolPolicy(OriginProtocolPolicy.HTTPS_ONLY)
                                        .build())
                                .viewerProtocolPolicy(ViewerProtocolPolicy.HTTPS_ONLY)
                                .allowedMethods(AllowedMethods.ALLOW_ALL)
                                // The API sets its own ETags and the guards change every second: CloudFront only
                                // forwards.
                                .cachePolicy(CachePolicy.CACHING_DISABLED)
                                .originRequestPolicy(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)
                                .build()))
                .build();
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
                .description("the dashboard (and the API under /api/)")
                .build();
    }
}
