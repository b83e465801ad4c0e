package perpwatch.cdk;

import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.constructs.Construct;

/**
 * The WAF in front of CloudFront. A web ACL for CloudFront must be created in us-east-1 whatever region the rest of
 * the stage lives in, so it has a stack of its own pinned there; the web stack reads its ARN through CDK's
 * cross-region references (an SSM parameter written in the web stack's region), not a manual copy.
 */
public final class EdgeStack extends Stack {
    public static final String REGION = "us-east-1";

    private final CfnWebACL acl;

    public EdgeStack(Construct scope, String id, StackProps props, StageConfig stage) {
        super(scope, id, props);
        acl = CfnWebACL.Builder.create(this, "Acl")
                .name(stage.name("edge"))
                .description("perpwatch " + stage.stage() + " dashboard: per-IP rate limit")
                .scope("CLOUDFRONT")
                .defaultAction(CfnWebACL.DefaultActionProperty.builder()
                        .allow(CfnWebACL.AllowActionProperty.builder().build())
                        .build())
                .visibilityConfig(visibility(stage.name("edge")))
                .rules(List.of(CfnWebACL.RuleProperty.builder()
                        .name("per-ip-rate")
                        .priority(0)
                        // A dashboard tab polls about 2 requests a second (guards and heatmap every second, the
                        // rest every minute): the default 2,000 per 5 minutes lets about 3 tabs share one address.
                        .statement(CfnWebACL.StatementProperty.builder()
                                .rateBasedStatement(CfnWebACL.RateBasedStatementProperty.builder()
                                        .limit(stage.limits().wafRateLimit())
                                        .evaluationWindowSec(300)
                                        .aggregateKeyType("IP")
                                        .build())
                                .build())
                        .action(CfnWebACL.RuleActionProperty.builder()
                                .block(CfnWebACL.BlockActionProperty.builder().build())
                                .build())
                        .visibilityConfig(visibility("per-ip-rate"))
                        .build()))
                .build();
    }

    private static CfnWebACL.VisibilityConfigProperty visibility(String metric) {
        return CfnWebACL.VisibilityConfigProperty.builder()
                .cloudWatchMetricsEnabled(true)
                .metricName(metric)
                .sampledRequestsEnabled(true)
                .build();
    }

    /** For the distribution's {@code WebACLId} (CloudFront takes the web ACL's ARN there). */
    public String webAclArn() {
        return acl.getAttrArn();
    }
}
