package perpwatch.cdk;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudfront.CacheCookieBehavior;
import software.amazon.awscdk.services.cloudfront.CacheHeaderBehavior;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.CacheQueryStringBehavior;
import software.amazon.awscdk.services.cloudfront.ICachePolicy;
import software.constructs.Construct;

/**
 * The dashboard's read routes by how long an answer stays true (its bin width), in CloudFront's match order. The
 * default TTL applies when the API names none; the maximum is the family's widest bin; the minimum is 0 so an
 * answer the API marks {@code no-cache}/{@code no-store} is never served from the cache. The history routes send
 * {@code s-maxage} of at most 60 s (what is left of their per-instance cache, {@code HistoryCache}: the open bin moves
 * every minute), which CloudFront honours within these bounds, so the maxima are only ceilings.
 */
enum ApiCacheFamily {
    /** 12 time bins of {@code hours}/12: 5 minutes at {@code hours=1}, 14 hours at 168. */
    HEATMAP("/api/market/liq_heatmap", "heatmap", 300, 14 * 3600, List.of("hours", "symbol")),
    /** Hourly OI points and settled funding prints; the predicted funding rate is read every minute. */
    MARKET("/api/market/*", "market", 60, 3600, List.of("hours", "symbol")),
    /** The Drift liquidation map: one scan an hour, an ETag per scan. */
    ONCHAIN("/api/onchain/*", "onchain", 60, 3600, List.of("limit", "side", "max_distance_bps")),
    /** Guards, thresholds, public health, OpenAPI: live answers (the guards change every second), never cached. */
    LIVE("/api/*", "live", 0, 0, List.of());

    private final String pathPattern;
    private final String name;
    private final int defaultTtlSeconds;
    private final int maxTtlSeconds;
    private final List<String> queryKeys;

    ApiCacheFamily(String pathPattern, String name, int defaultTtlSeconds, int maxTtlSeconds, List<String> keys) {
        this.pathPattern = pathPattern;
        this.name = name;
        this.defaultTtlSeconds = defaultTtlSeconds;
        this.maxTtlSeconds = maxTtlSeconds;
        this.queryKeys = keys;
    }

    String pathPattern() {
        return pathPattern;
    }

    int defaultTtlSeconds() {
        return defaultTtlSeconds;
    }

    int maxTtlSeconds() {
        return maxTtlSeconds;
    }

    ICachePolicy policy(Construct scope, StageConfig stage) {
        if (maxTtlSeconds == 0) {
            return CachePolicy.CACHING_DISABLED;
        }
        return CachePolicy.Builder.create(scope, "Cache" + name.substring(0, 1).toUpperCase() + name.substring(1))
                .cachePolicyName(stage.name("api-" + name))
                .comment("perpwatch " + stage.stage() + " " + pathPattern + ": cached for its bin width")
                .minTtl(Duration.seconds(0))
                .defaultTtl(Duration.seconds(defaultTtlSeconds))
                .maxTtl(Duration.seconds(maxTtlSeconds))
                // Only the parameters that change the answer: anything else would split the cache for nothing.
                .queryStringBehavior(CacheQueryStringBehavior.allowList(queryKeys.toArray(String[]::new)))
                .headerBehavior(CacheHeaderBehavior.none())
                .cookieBehavior(CacheCookieBehavior.none())
                .enableAcceptEncodingGzip(true)
                .enableAcceptEncodingBrotli(true)
                .build();
    }
}
