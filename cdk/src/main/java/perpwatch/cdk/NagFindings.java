package perpwatch.cdk;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import software.amazon.awscdk.IPolicyValidationContext;
import software.amazon.awscdk.IPolicyValidationPlugin;
import software.amazon.awscdk.PolicyValidationPluginReport;
import software.amazon.awscdk.PolicyViolatingResource;
import software.amazon.awscdk.PolicyViolation;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Validations;
import software.constructs.IConstruct;

/**
 * cdk-nag (AwsSolutions) findings accepted on purpose, each with the reason it is accepted. cdk-nag 3 matches an
 * acknowledgment by its exact finding id, and some ids carry synthesized names (a cross-stack export, the asset
 * bucket's region), so each entry names a rule pattern and the constructs it covers; {@link #acknowledge} runs the
 * pack once, and acknowledges (on the resource itself, with the entry's reason) exactly the findings an entry covers.
 * Anything else stays a finding and fails the tests and {@code cdk synth}.
 *
 * <p>It must run after synthesis has turned cross-stack references into imports (an id names the export), so in
 * {@code cdk synth} it is a validation plugin registered just before the AwsSolutions pack ({@link #plugin}).
 */
final class NagFindings {
    /** One accepted finding: a rule id pattern, the construct paths it covers (below the stack), and why. */
    record Accepted(String rule, String path, String reason) {
        boolean covers(String finding, String constructPath) {
            return Pattern.matches(rule, finding) && Pattern.matches("[^/]+/(" + path + ")", constructPath);
        }
    }

    private static final String ARCHIVE_USERS =
            "Archiver/Function/ServiceRole/DefaultPolicy/Resource|Rollup/Function/ServiceRole/DefaultPolicy/Resource"
                    + "|DriftLiqMapTask/TaskRole/DefaultPolicy/Resource";
    private static final String JAVA_FUNCTIONS = "(Api|Engine|Webhook|Archiver|Rollup|DriftCatchUp)/Function/Resource";
    private static final String BUCKET_DEPLOYMENT = "Custom::CDKBucketDeployment[^/]*/.*";

    static final List<Accepted> ACCEPTED = List.of(
            new Accepted(
                    q("AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                            + "AWSLambdaBasicExecutionRole]"),
                    ".*/ServiceRole/Resource",
                    "AWS's managed Lambda logging policy (CreateLogGroup, CreateLogStream, PutLogEvents), CDK's"
                            + " default for every function; it grants nothing but writing logs"),
            new Accepted(
                    q("AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                            + "AWSLambdaVPCAccessExecutionRole]"),
                    "(Api|Engine|Webhook|DriftCatchUp)/Function/ServiceRole/Resource",
                    "the managed policy a function in a VPC needs to create and delete its network interfaces in the"
                            + " private subnets (Redis is only reachable there); AWS keeps it in step with the ENI"
                            + " API"),
            new Accepted(
                    q("AwsSolutions-IAM5[Action::s3:") + "(Abort|GetBucket|GetObject|List)" + q("*]"),
                    ARCHIVE_USERS,
                    "CDK's bucket grants (grantPut, grantRead) name action families such as s3:Abort* and"
                            + " s3:GetObject*; every one is scoped to the archive bucket's objects"),
            new Accepted(
                    q("AwsSolutions-IAM5[Resource::") + ".*/(raw/|drift/)?" + q("*]"),
                    ARCHIVE_USERS,
                    "objects of the archive bucket: the archiver writes under raw/, the Drift scan under drift/,"
                            + " the rollup reads raw parts and writes aggregates across the bucket"),
            new Accepted(
                    q("AwsSolutions-IAM5[Resource::*]"),
                    "[A-Za-z]+Task/ExecutionRole/DefaultPolicy/Resource",
                    "ecr:GetAuthorizationToken has no resource-level permission: the ECS execution role needs it on *"
                            + " to pull the feed image (the test on IAM policies allows nothing else on *)"),
            new Accepted(
                    "AwsSolutions-(IAM4|IAM5|L1).*",
                    BUCKET_DEPLOYMENT,
                    "CDK's BucketDeployment provider (copies the built dashboard from the CDK asset bucket into the"
                            + " site bucket at deploy time): its role, actions and runtime are aws-cdk-lib's"),
            new Accepted(
                    "AwsSolutions-L1",
                    JAVA_FUNCTIONS,
                    "Java 21 is the runtime the functions are built, tested and SnapStart-benchmarked on; moving"
                            + " runtime is a change of its own, with its own cold-start benchmark"),
            new Accepted(
                    "AwsSolutions-S1",
                    "Archive/Resource",
                    "only the stage's own roles reach the archive; server access logs would add a bucket written on"
                            + " every Parquet part. CloudTrail S3 data events are the audit path when one is needed"),
            new Accepted(
                    "AwsSolutions-S1",
                    "Site/Resource",
                    "built dashboard files only, read by nothing but CloudFront (origin access control); the WAF's"
                            + " metrics and sampled requests record who asked CloudFront for them"),
            new Accepted(
                    "AwsSolutions-SMG4",
                    "RedisAuth/Resource",
                    "ElastiCache AUTH rotation is a two-step ModifyReplicationGroup (ROTATE, then SET) with no managed"
                            + " rotation function; the clients re-read the token on WRONGPASS, so an operator's"
                            + " rotation (README) causes no outage"),
            new Accepted(
                    "AwsSolutions-SMG4",
                    "HeliusAuth/Resource",
                    "the value must also be changed in Helius' webhook settings, by hand: rotation is"
                            + " operator-driven, and the webhook accepts AWSCURRENT and AWSPREVIOUS meanwhile"),
            new Accepted(
                    "AwsSolutions-SMG4",
                    "SolanaRpcUrl/Resource",
                    "holds the RPC provider's URL and key: only the provider can issue a new key"),
            new Accepted(
                    "AwsSolutions-SMG4",
                    "OriginSecret/Resource",
                    "rotated by an operator (put-secret-value, then deploy the web stack, which reads it at deploy"
                            + " time); the origin check accepts AWSCURRENT and AWSPREVIOUS, so nothing fails"
                            + " meanwhile"),
            new Accepted(
                    "AwsSolutions-SQS3",
                    "ArchiverFailures/Resource",
                    "this queue is itself the archiver's failure destination (a dead-letter queue)"),
            new Accepted(
                    "AwsSolutions-ECS2",
                    "[A-Za-z]+Task/Resource",
                    "non-secret configuration only (endpoints, stream names, metric namespace); the Redis token and"
                            + " the RPC URL come from Secrets Manager as container secrets"),
            new Accepted(
                    "AwsSolutions-ECS4",
                    "Cluster/Resource",
                    "Container Insights is billed per metric per task; the feeds publish their own RecordsWritten"
                            + " metrics with silence alarms and liveness health checks, which is what operators watch"),
            new Accepted(
                    "AwsSolutions-APIG4",
                    "Http/POST--api--webhooks--helius/Resource",
                    "Helius cannot sign SigV4: the webhook checks Helius' Authorization header against the secret"
                            + " (constant time) before anything else, and the route has its own throttle"),
            new Accepted(
                    "AwsSolutions-CFR1",
                    "Cdn/Resource",
                    "a public market dashboard, meant for any country; the WAF's per-IP rate rule limits abuse"),
            new Accepted(
                    "AwsSolutions-CFR3",
                    "Cdn/Resource",
                    "CloudFront standard logs need an ACL-enabled bucket; the WAF's metrics and sampled requests and"
                            + " the APIs' access logs record who called what"),
            new Accepted(
                    "AwsSolutions-CFR4",
                    "Cdn/Resource",
                    "no custom domain exists, so the distribution uses CloudFront's default certificate, whose"
                            + " security policy cannot be raised; with a domain, set its certificate and TLS 1.2"));

    /** Every entry that has acknowledged a finding in this process: a test checks none is stale. */
    private static final Set<Accepted> USED = ConcurrentHashMap.newKeySet();

    private NagFindings() {}

    static Set<Accepted> used() {
        return Set.copyOf(USED);
    }

    /** Acknowledges the accepted findings of {@code stacks}; answers which entries were used. */
    static Set<Accepted> acknowledge(Stack... stacks) {
        Set<Accepted> used = new LinkedHashSet<>();
        for (Stack stack : stacks) {
            Map<String, IConstruct> byPath = new LinkedHashMap<>();
            for (IConstruct c : stack.getNode().findAll()) {
                byPath.put(c.getNode().getPath(), c);
            }
            List<PolicyViolation> violations = new ArrayList<>(
                    new AwsSolutionsChecks(stack).validateScope(stack).getViolations());
            for (PolicyViolation v : violations) {
                for (PolicyViolatingResource r : v.getViolatingResources()) {
                    for (Accepted a : ACCEPTED) {
                        if (a.covers(v.getRuleName(), r.getConstructPath())) {
                            // What Validations.acknowledge records, written directly: its id check refuses an id
                            // with more than one "::", and cdk-nag's IAM4 ids carry several (an ARN with
                            // <AWS::Partition>). cdk-nag reads this metadata key on the resource and its parents.
                            byPath.get(r.getConstructPath())
                                    .getNode()
                                    .addMetadata(
                                            Validations.ACKNOWLEDGED_RULES_METADATA_KEY,
                                            Map.of(v.getRuleName(), a.reason()));
                            used.add(a);
                            USED.add(a);
                            break;
                        }
                    }
                }
            }
        }
        return used;
    }

    /** A validation plugin that only acknowledges: register it before the pack, which then sees the acknowledgments. */
    static IPolicyValidationPlugin plugin(Stack... stacks) {
        return new IPolicyValidationPlugin() {
            @Override
            public String getName() {
                return "perpwatch-nag-acknowledgments";
            }

            @Override
            public PolicyValidationPluginReport validate(IPolicyValidationContext context) {
                acknowledge(stacks);
                return PolicyValidationPluginReport.builder()
                        .success(true)
                        .violations(List.of())
                        .build();
            }
        };
    }

    private static String q(String literal) {
        return Pattern.quote(literal);
    }
}
